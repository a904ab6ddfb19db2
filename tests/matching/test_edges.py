"""The rules and factors at their edges: unknown hours, exact age, physical load, many wishes, new words."""

from __future__ import annotations

from datetime import date

import pytest

from matching.engine import MatchingIndex
from matching.profiles import DEFAULT_WEIGHTS, PlacementProfile, ResidentProfile, Weights
from matching.vocab_index import OFFERED, WISHED, Vocabulary
from tests.matching.helpers import TODAY, candidates, excluded_by, matches, placement, resident

SHARE = 1 / sum(DEFAULT_WEIGHTS.values())


def _reason(match, factor: str):  # type: ignore[no-untyped-def]
    return next(r for r in match.reasons if r.factor == factor)


def test_unknown_hours_exclude_nothing_and_weigh_neutral() -> None:
    ranking = matches([placement(min_hours=32, max_hours=40)], [resident(hours_available=None)], 1)
    hours = _reason(ranking.items[0], "uren")
    assert "onbekend" in hours.text
    assert hours.contribution == pytest.approx(0.5 * DEFAULT_WEIGHTS["uren"] * SHARE, abs=1e-3)


def test_known_zero_hours_are_not_unknown() -> None:
    assert excluded_by(placement(min_hours=8), resident(hours_available=0)) == ["uren"]


def test_heavy_place_ranks_below_a_light_one_for_light_capacity_but_is_not_excluded() -> None:
    r = resident(physical_capacity="light")
    ranking = matches([placement(1, physical_load="heavy"), placement(2, physical_load="light")], [r], 1)
    assert [m.id for m in ranking.items] == [2, 1]
    assert ranking.excluded_total == 0
    heavy = _reason(ranking.items[1], "belasting")
    assert heavy.text == "Fysieke belasting zwaar, de inwoner kan licht werk aan: telt tegen deze plek."
    assert heavy.contribution == 0.0
    assert "past bij" in _reason(ranking.items[0], "belasting").text


def test_medium_load_sits_between_and_unknown_is_neutral() -> None:
    r = resident(physical_capacity="light")
    places = [placement(1, physical_load="heavy"), placement(2, physical_load="medium"), placement(3)]
    ranking = matches(places, [r], 1)
    value = {m.id: _reason(m, "belasting").contribution / (DEFAULT_WEIGHTS["belasting"] * SHARE) for m in ranking.items}
    assert value == pytest.approx({1: 0.0, 2: 0.5, 3: 0.5}, abs=1e-3)
    assert "onbekend" in _reason(next(m for m in ranking.items if m.id == 3), "belasting").text


def test_the_employer_does_not_read_what_a_candidate_can_bear() -> None:
    p = placement(physical_load="heavy")
    item = candidates([p], [resident(physical_capacity="light")], p.id, audience="organisation").items[0]
    text = _reason(item, "belasting").text
    assert "licht" not in text and "zwaar" not in text


@pytest.mark.parametrize(
    ("younger", "older"),
    [
        ({"birth_date": date(1999, 11, 24)}, {"birth_date": date(1999, 11, 23)}),  # 27 tomorrow, 27 today
        ({"birth_year": 1999, "birth_date": None}, {"birth_year": 1998, "birth_date": None}),
    ],
)
def test_the_under_27_kansrijk_weight_uses_the_same_age_as_rule_10(younger: dict, older: dict) -> None:
    p = placement(kansrijk=True)
    ranking = candidates([p], [resident(1, **younger), resident(2, **older)], p.id)
    assert [m.id for m in ranking.items] == [1, 2]
    assert "jonger dan 27" in _reason(ranking.items[0], "kansrijk").text
    assert "jonger dan 27" not in _reason(ranking.items[1], "kansrijk").text


def test_a_fifth_wished_occupation_counts() -> None:
    wishes = ("Lassers", "Automonteurs", "Rijwielmonteurs", "Afwassers", "Schoonmakers")
    p = placement(occupation="Schoonmakers")
    for ranking in (
        matches([p], [resident(wished_occupations=wishes)], 1),
        candidates([p], [resident(wished_occupations=wishes)], p.id),
    ):
        assert _reason(ranking.items[0], "wensen").text == "Sluit aan bij een gewenst beroep."


def test_an_upsert_with_more_wishes_than_any_before_widens_the_index() -> None:
    p = placement(occupation="Schoonmakers")
    index = MatchingIndex([resident(1, wished_occupations=("Lassers",))], [p])
    index.upsert_resident(
        resident(2, wished_occupations=("Lassers", "Automonteurs", "Afwassers", "Glazenwassers", "schoonmaker"))
    )
    ranking = index.rank_candidates(p.id, weights=Weights(), today=TODAY)
    assert [m.id for m in ranking.items] == [2, 1]


def test_the_text_model_learns_a_new_word_at_once() -> None:
    index = MatchingIndex([resident(1, talents="fietsen repareren")], [placement(1, text="fietsen repareren")])
    index.upsert_placement(placement(2, text="brood bakken in de bakkerij"))
    index.upsert_resident(resident(2, talents="ik wil graag brood bakken"))
    ranking = index.rank_candidates(2, weights=Weights(), today=TODAY)
    assert ranking.items[0].id == 2
    assert _reason(ranking.items[0], "talenten").contribution > 0
    assert _reason(ranking.items[1], "talenten").contribution == 0


def test_free_text_is_normalised_against_the_reference_list_and_its_aliases() -> None:
    vocabulary = Vocabulary(
        ["Schoonmakers", "(Voorman) hoveniers, groenonderhoud"], {"tuinman": "(Voorman) hoveniers, groenonderhoud"}
    )
    assert vocabulary.id_of("schoonmakers") == vocabulary.id_of("Schoonmakers ") == 1
    assert vocabulary.id_of("Tuinman", WISHED) == 2
    free = vocabulary.id_of("fietsen in de stad")
    assert free == 3 and vocabulary.id_of("Fietsen in de stad") == free
    assert vocabulary.row(2, OFFERED)[free] < 0.5  # computed when asked, only against the other side
    assert vocabulary.row(free, WISHED)[2] == vocabulary.row(2, OFFERED)[free]


def test_records_with_every_optional_field_empty_are_ranked_both_ways() -> None:
    bare_resident = ResidentProfile(id=1, route="snel")
    bare_placement = PlacementProfile(id=2, type="regulier", routes=frozenset({"snel"}))
    index = MatchingIndex(
        [bare_resident, ResidentProfile(id=3)], [bare_placement, PlacementProfile(id=4, type="internship")]
    )
    assert [m.id for m in index.rank_candidates(2, weights=Weights(), today=TODAY).items] == [1]
    assert [m.id for m in index.rank_placements(1, weights=Weights(), today=TODAY).items] == [2]
