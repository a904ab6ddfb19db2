"""The judged eligibility cases: each rule of DOMAIN.md excludes, and its control does not."""

from __future__ import annotations

from datetime import date

import pytest

from matching.engine import MatchingIndex
from matching.geo import distances_km
from matching.rules import RULES
from tests.matching.helpers import EDE, NIJKERK, WAGENINGEN, candidates, excluded_by, matches, placement, resident

# Wageningen to Ede, as the engine measures it: the distance cases sit just either side of it.
EDE_KM = float(distances_km(WAGENINGEN[0], WAGENINGEN[1], [EDE[0]], [EDE[1]])[0])
AT_EDE = {"lat": EDE[0], "lon": EDE[1]}

CASES = [
    # (case, placement fields, resident fields, rule that excludes or None)
    ("open placement is offered", {}, {}, None),
    ("draft or closed placement", {"offered": False}, {}, "niet_beschikbaar"),
    ("no free place left", {"free_places": 0}, {}, "niet_beschikbaar"),
    ("one free place left", {"free_places": 1}, {}, None),
    ("end date passed", {"end_date": date(2026, 11, 22)}, {}, "niet_beschikbaar"),
    ("end date today is still offered", {"end_date": date(2026, 11, 23)}, {}, None),
    ("banenafspraak without doelgroepregister", {"type": "banenafspraak"}, {}, "doelgroepregister"),
    ("banenafspraak with doelgroepregister", {"type": "banenafspraak"}, {"doelgroepregister": True}, None),
    ("beschut without advice", {"type": "beschut"}, {}, "beschut_advies"),
    ("beschut with advice", {"type": "beschut"}, {"beschut_advies": True}, None),
    ("route not served", {"routes": frozenset({"meedoen"})}, {"route": "snel"}, "route"),
    ("route served", {"routes": frozenset({"snel"})}, {"route": "snel"}, None),
    ("no route yet", {}, {"route": None}, "route"),
    ("ABC above max", {"max_abc": 4}, {"abc": 5}, "abc"),
    ("ABC equal to max", {"max_abc": 4}, {"abc": 4}, None),
    ("ABC below max", {"max_abc": 4}, {"abc": 1}, None),
    ("no ABC yet is ranked", {"max_abc": 2}, {"abc": 0}, None),
    ("G7 to a regular job taking G7", {"max_abc": 7}, {"abc": 7}, "abc"),
    ("G7 to volunteering taking G7", {"type": "vrijwilligerswerk", "max_abc": 7}, {"abc": 7}, None),
    ("G7 to activerend werk taking G7", {"type": "activerend_werk", "max_abc": 7}, {"abc": 7}, None),
    ("G7 to activerend werk up to G6", {"type": "activerend_werk", "max_abc": 6}, {"abc": 7}, "abc"),
    ("G6 to activerend werk up to G6", {"type": "activerend_werk", "max_abc": 6}, {"abc": 6}, None),
    ("G6 to a regular job taking G7", {"max_abc": 7}, {"abc": 6}, None),
    ("ontheffing running", {}, {"ontheffing_until": date(2027, 1, 1)}, "ontheffing"),
    ("ontheffing ends today", {}, {"ontheffing_until": date(2026, 11, 23)}, "ontheffing"),
    ("ontheffing ended", {}, {"ontheffing_until": date(2026, 11, 22)}, None),
    (
        "ontheffing but wants to take part",
        {},
        {"ontheffing_until": date(2027, 1, 1), "wants_to_participate": True},
        None,
    ),
    ("one hour below the minimum", {"min_hours": 24}, {"hours_available": 23}, "uren"),
    ("hours equal to the minimum", {"min_hours": 24}, {"hours_available": 24}, None),
    ("zero hours known, minimum one", {"min_hours": 1}, {"hours_available": 0}, "uren"),
    ("zero hours known, no minimum", {"min_hours": 0}, {"hours_available": 0}, None),
    ("hours unknown: no exclusion", {"min_hours": 32}, {"hours_available": None}, None),
    ("too far, no transport", {"lat": NIJKERK[0], "lon": NIJKERK[1]}, {"max_travel_km": 20}, "afstand"),
    (
        "too far but transport offered",
        {"lat": NIJKERK[0], "lon": NIJKERK[1], "supports": frozenset({"vervoer"})},
        {"max_travel_km": 20},
        None,
    ),
    ("far but within the maximum", {"lat": NIJKERK[0], "lon": NIJKERK[1]}, {"max_travel_km": 50}, None),
    ("distance just over the maximum", AT_EDE, {"max_travel_km": EDE_KM - 0.05}, "afstand"),
    ("distance just within the maximum", AT_EDE, {"max_travel_km": EDE_KM + 0.05}, None),
    ("same area, maximum zero km", {}, {"max_travel_km": 0}, None),
    ("unknown placement area: no exclusion", {"lat": float("nan"), "lon": float("nan")}, {"max_travel_km": 1}, None),
    (
        "unknown resident area: no exclusion",
        {"lat": NIJKERK[0], "lon": NIJKERK[1]},
        {"lat": float("nan"), "lon": float("nan"), "max_travel_km": 1},
        None,
    ),
    ("driving licence required, none", {"driving_licence": True}, {"driving_licence": False}, "rijbewijs"),
    ("driving licence required, has one", {"driving_licence": True}, {"driving_licence": True}, None),
    ("language B1 required, has A2", {"language_level": "B1"}, {"language_level": "A2"}, "taalniveau"),
    ("language B1 required, has B1", {"language_level": "B1"}, {"language_level": "B1"}, None),
    ("language B1 required, has B2", {"language_level": "B1"}, {"language_level": "B2"}, None),
    ("no language requirement", {"language_level": "none"}, {"language_level": "none"}, None),
    ("participatieplaats, 27 tomorrow", {"type": "participatieplaats"}, {"birth_date": date(1999, 11, 24)}, "leeftijd"),
    ("participatieplaats, 27 today", {"type": "participatieplaats"}, {"birth_date": date(1999, 11, 23)}, None),
    (
        "participatieplaats, birth date wins over the year",
        {"type": "participatieplaats"},
        {"birth_date": date(1999, 11, 23), "birth_year": 2005},
        None,
    ),
    (
        "participatieplaats, only born in 1999: maybe 26",
        {"type": "participatieplaats"},
        {"birth_year": 1999},
        "leeftijd",
    ),
    ("participatieplaats, only born in 1998: 27 for sure", {"type": "participatieplaats"}, {"birth_year": 1998}, None),
    ("participatieplaats, birth year unknown", {"type": "participatieplaats"}, {"birth_year": None}, None),
    ("other type under 27", {"type": "internship"}, {"birth_year": 2005}, None),
]


@pytest.mark.parametrize(("case", "p_fields", "r_fields", "rule"), CASES, ids=[c[0] for c in CASES])
def test_eligibility_case(case: str, p_fields: dict, r_fields: dict, rule: str | None) -> None:
    failed = excluded_by(placement(**p_fields), resident(**r_fields))
    if rule is None:
        assert failed == []
    else:
        assert rule in failed


AGE_DAYS = [
    # (birth date, birth year, today, excluded from a participatieplaats)
    (None, 1999, date(2026, 12, 31), True),
    (None, 1999, date(2027, 1, 1), False),
    (date(2000, 2, 29), 2000, date(2027, 2, 28), True),  # no 29 February in 2027: 27 on 1 March
    (date(2000, 2, 29), 2000, date(2027, 3, 1), False),
    (date(2000, 1, 1), 2000, date(2026, 12, 31), True),
    (date(2000, 1, 1), 2000, date(2027, 1, 1), False),
]


@pytest.mark.parametrize(("born", "year", "today", "excluded"), AGE_DAYS)
def test_the_day_someone_turns_27(born: date | None, year: int, today: date, excluded: bool) -> None:
    p, r = placement(type="participatieplaats"), resident(birth_date=born, birth_year=year)
    failed = [code for code, _ in MatchingIndex([r], [p]).why_excluded(p.id, r.id, today)]
    assert failed == (["leeftijd"] if excluded else [])


@pytest.mark.parametrize(
    ("case", "p_fields", "r_fields", "rule"), [c for c in CASES if c[3]], ids=[c[0] for c in CASES if c[3]]
)
def test_excluded_pairs_are_counted_under_their_rule_in_both_directions(
    case: str, p_fields: dict, r_fields: dict, rule: str
) -> None:
    p, r = placement(**p_fields), resident(**r_fields)
    for ranking in (candidates([p], [r], p.id), matches([p], [r], r.id)):
        assert ranking.items == []
        assert ranking.excluded_total == 1
        assert ranking.excluded_by_reason == {rule: 1}


def test_every_rule_has_a_dutch_reason_and_a_domain_number() -> None:
    assert {rule.number for rule in RULES} == set(range(1, 11))
    for rule in RULES:
        assert rule.reason.endswith(".") and len(rule.reason) > 15


def test_exclusion_counts_add_up_to_the_total() -> None:
    p = placement(type="banenafspraak", min_hours=20)
    residents = [
        resident(1),
        resident(2, doelgroepregister=True),
        resident(3, hours_available=8),
        resident(4, doelgroepregister=True, hours_available=8),
        resident(5, doelgroepregister=True, abc=2),
    ]
    ranking = candidates([p], residents, p.id)
    assert [m.id for m in ranking.items] == [2, 5] or [m.id for m in ranking.items] == [5, 2]
    assert ranking.excluded_total == 3
    assert sum(ranking.excluded_by_reason.values()) == 3
    assert ranking.excluded_by_reason == {"doelgroepregister": 2, "uren": 1}


def test_employer_view_lumps_rules_that_would_reveal_indications() -> None:
    p = placement(type="beschut", min_hours=20)
    residents = [resident(1), resident(2, beschut_advies=True, hours_available=8), resident(3, beschut_advies=True)]
    ranking = candidates([p], residents, p.id, audience="organisation")
    assert ranking.excluded_by_reason == {"overig": 1, "uren": 1}
