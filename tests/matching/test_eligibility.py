"""Eligibility of one pair (`matching.eligibility`): the rankings' rules on one profile each,
no index built, and always the index's own verdict."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import is_eligible, why_not_eligible
from matching.engine import MatchingIndex
from matching.vocabulary import LANGUAGE_LEVELS, PLACEMENT_TYPES, ROUTES
from tests.matching.helpers import EDE, NIJKERK, TODAY, placement, resident


def test_an_eligible_pair_has_no_reason_and_each_rule_names_its_own() -> None:
    assert why_not_eligible(resident(), placement(), TODAY) == []
    assert is_eligible(resident(), placement(), TODAY)
    far = resident(lat=NIJKERK[0], lon=NIJKERK[1], max_travel_km=10)
    assert [code for code, _ in why_not_eligible(far, placement(), TODAY)] == ["afstand"]
    young = resident(birth_year=TODAY.year - 20)
    reasons = why_not_eligible(young, placement(type="participatieplaats", routes=frozenset({"snel"})), TODAY)
    assert reasons == [("leeftijd", "Participatieplaatsen zijn voor inwoners van 27 jaar en ouder.")]
    ended = placement(end_date=TODAY - timedelta(days=1))
    assert [code for code, _ in why_not_eligible(resident(), ended, TODAY)] == ["niet_beschikbaar"]
    full = placement(free_places=0)
    assert not is_eligible(resident(), full, TODAY)


@settings(max_examples=150, deadline=None)
@given(
    route=st.sampled_from((None, *ROUTES)),
    abc=st.integers(0, 7),
    hours=st.none() | st.integers(0, 40),
    language=st.sampled_from(LANGUAGE_LEVELS),
    licence=st.booleans(),
    ontheffing=st.none() | st.integers(-30, 30),
    wants=st.booleans(),
    type_=st.sampled_from(PLACEMENT_TYPES),
    routes=st.frozensets(st.sampled_from(ROUTES)),
    max_abc=st.integers(1, 7),
    min_hours=st.integers(0, 32),
    needs_licence=st.booleans(),
    needs_language=st.sampled_from(LANGUAGE_LEVELS),
    where=st.sampled_from((None, EDE, NIJKERK)),
    birth_year=st.integers(1960, 2008),
)
def test_one_pair_gets_the_same_verdict_as_from_the_index(
    route: str | None,
    abc: int,
    hours: int | None,
    language: str,
    licence: bool,
    ontheffing: int | None,
    wants: bool,
    type_: str,
    routes: frozenset[str],
    max_abc: int,
    min_hours: int,
    needs_licence: bool,
    needs_language: str,
    where: tuple[float, float] | None,
    birth_year: int,
) -> None:
    r = resident(
        route=route,
        abc=abc,
        hours_available=hours,
        language_level=language,
        driving_licence=licence,
        ontheffing_until=None if ontheffing is None else TODAY + timedelta(days=ontheffing),
        wants_to_participate=wants,
        birth_year=birth_year,
    )
    lat, lon = where if where else (float("nan"), float("nan"))
    p = placement(
        type=type_,
        routes=routes,
        max_abc=max_abc,
        min_hours=min_hours,
        driving_licence=needs_licence,
        language_level=needs_language,
        lat=lat,
        lon=lon,
    )
    day = date(2026, 11, 23)
    assert why_not_eligible(r, p, day) == MatchingIndex([r], [p]).why_excluded(p.id, r.id, day)
