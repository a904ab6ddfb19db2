"""Each factor moves the ranking in its stated direction, everything else being equal."""

from __future__ import annotations

import math

import pytest

from matching.profiles import DEFAULT_WEIGHTS
from tests.matching.helpers import EDE, NIJKERK, WAGENINGEN, candidates, matches, placement, resident

# (factor, better placement fields, worse placement fields, resident fields)
PLACEMENT_SIDE = [
    ("capaciteit: a place built for the level beats one far below it", {"max_abc": 3}, {"max_abc": 7}, {"abc": 3}),
    (
        "capaciteit: G2 fits a G3 job better than a G7 volunteer place",
        {"type": "regulier", "max_abc": 3},
        {"type": "vrijwilligerswerk", "max_abc": 7},
        {"abc": 2},
    ),
    (
        "fase: a trial place suits snel in ontwikkeling",
        {"phase": "proef"},
        {"phase": "orientatie"},
        {"route": "snel", "phase": "ontwikkeling"},
    ),
    (
        "fase: orientation suits an intake on meedoen",
        {"phase": "orientatie"},
        {"phase": "proef"},
        {"route": "meedoen", "phase": "intake"},
    ),
    (
        "fase: a lasting place suits nazorg",
        {"phase": "duurzaam"},
        {"phase": "orientatie"},
        {"route": "snel", "phase": "nazorg"},
    ),
    ("kansrijk: an occupation on the UWV list", {"kansrijk": True}, {"kansrijk": False}, {}),
    (
        "wensen: the wished occupation",
        {"occupation": "Schoonmakers"},
        {"occupation": "Softwareontwikkelaars"},
        {"wished_occupations": ("schoonmaker",)},
    ),
    ("wensen: a wished sector", {"sector": "Zorg"}, {"sector": "Bouw"}, {"wished_sectors": ("zorg",)}),
    (
        "talenten: description that speaks to the talents",
        {"text": "buiten werken in de tuin met planten"},
        {"text": "administratie op kantoor met cijfers"},
        {"talents": "ik werk graag buiten in de tuin"},
    ),
    ("afstand: nearer is better", {"lat": WAGENINGEN[0], "lon": WAGENINGEN[1]}, {"lat": EDE[0], "lon": EDE[1]}, {}),
    (
        "afstand: known near beats unknown",
        {"lat": WAGENINGEN[0], "lon": WAGENINGEN[1]},
        {"lat": math.nan, "lon": math.nan},
        {},
    ),
    (
        "ondersteuning: offers the needed jobcoach",
        {"supports": frozenset({"jobcoach"})},
        {"supports": frozenset()},
        {"needs": frozenset({"jobcoach"})},
    ),
    (
        "ondersteuning: offers more of what is needed",
        {"supports": frozenset({"jobcoach", "werkplekaanpassing"})},
        {"supports": frozenset({"jobcoach"})},
        {"needs": frozenset({"jobcoach", "werkplekaanpassing"})},
    ),
    ("uren: offers the hours the resident wants", {"max_hours": 32}, {"max_hours": 20}, {"hours_available": 32}),
]

# (factor, better resident fields, worse resident fields, placement fields)
RESIDENT_SIDE = [
    ("capaciteit: the level the place is built for", {"abc": 4}, {"abc": 1}, {"max_abc": 4}),
    ("capaciteit: a measured fitting level beats a missing one", {"abc": 4}, {"abc": 0}, {"max_abc": 4}),
    (
        "fase: in ontwikkeling for a development place",
        {"phase": "ontwikkeling"},
        {"phase": "nazorg"},
        {"phase": "ontwikkeling"},
    ),
    (
        "kansrijk weighs more on route snel than meedoen",
        {"route": "snel"},
        {"route": "meedoen"},
        {"kansrijk": True, "phase": "ontwikkeling"},
    ),
    ("kansrijk weighs more under 27", {"birth_year": 2003}, {"birth_year": 1980}, {"kansrijk": True}),
    (
        "wensen: wished this occupation",
        {"wished_occupations": ("kassamedewerker",)},
        {"wished_occupations": ("vrachtwagenchauffeur",)},
        {"occupation": "Kassamedewerkers"},
    ),
    (
        "talenten: talents that match the description",
        {"talents": "koken in een grote keuken"},
        {"talents": "rijden met de vrachtwagen"},
        {"text": "helpen in de keuken met koken en afwassen"},
    ),
    ("afstand: lives nearer", {"lat": WAGENINGEN[0], "lon": WAGENINGEN[1]}, {"lat": EDE[0], "lon": EDE[1]}, {}),
    (
        "ondersteuning: needs what the place offers vs needs what it lacks",
        {"needs": frozenset({"jobcoach"})},
        {"needs": frozenset({"werkplekaanpassing"})},
        {"supports": frozenset({"jobcoach"})},
    ),
    (
        "uren: hours within the place's range",
        {"hours_available": 24},
        {"hours_available": 40},
        {"min_hours": 16, "max_hours": 24},
    ),
]


@pytest.mark.parametrize(("case", "better", "worse", "r_fields"), PLACEMENT_SIDE, ids=[c[0] for c in PLACEMENT_SIDE])
def test_factor_ranks_the_better_placement_first(case: str, better: dict, worse: dict, r_fields: dict) -> None:
    ranking = matches([placement(1, **better), placement(2, **worse)], [resident(**r_fields)], 1)
    assert [m.id for m in ranking.items] == [1, 2], case
    assert ranking.items[0].score > ranking.items[1].score


@pytest.mark.parametrize(("case", "better", "worse", "p_fields"), RESIDENT_SIDE, ids=[c[0] for c in RESIDENT_SIDE])
def test_factor_ranks_the_better_candidate_first(case: str, better: dict, worse: dict, p_fields: dict) -> None:
    ranking = candidates([placement(**p_fields)], [resident(1, **better), resident(2, **worse)], 100)
    assert [m.id for m in ranking.items] == [1, 2], case
    assert ranking.items[0].score > ranking.items[1].score


def test_scores_lie_in_zero_one_and_reasons_add_up_to_the_score() -> None:
    ranking = matches([placement(i, max_abc=3 + i % 4, kansrijk=bool(i % 2)) for i in range(1, 9)], [resident()], 1)
    assert len(ranking.items) == 8
    for match in ranking.items:
        assert 0.0 <= match.score <= 1.0
        assert {r.factor for r in match.reasons} == set(DEFAULT_WEIGHTS)
        assert sum(r.contribution for r in match.reasons) == pytest.approx(match.score, abs=1e-3)
        assert all(r.text for r in match.reasons)


def test_missing_abc_is_marked_and_neutral() -> None:
    ranking = matches([placement()], [resident(abc=0)], 1)
    match = ranking.items[0]
    assert match.abc_missing
    capacity = next(r for r in match.reasons if r.factor == "capaciteit")
    assert "ABC ontbreekt" in capacity.text
    assert capacity.contribution == pytest.approx(
        0.5 * DEFAULT_WEIGHTS["capaciteit"] / sum(DEFAULT_WEIGHTS.values()), abs=1e-3
    )


def test_unknown_distance_is_neutral_and_said() -> None:
    ranking = matches([placement(lat=math.nan, lon=math.nan)], [resident()], 1)
    text = next(r.text for r in ranking.items[0].reasons if r.factor == "afstand")
    assert "onbekend" in text


def test_employer_wording_reveals_no_level_age_or_exact_distance() -> None:
    p = placement(kansrijk=True, max_abc=4)
    r = resident(abc=2, birth_year=2004, needs=frozenset({"jobcoach"}), lat=EDE[0], lon=EDE[1])
    employer = candidates([p], [r], p.id, audience="organisation").items[0]
    consultant = candidates([p], [r], p.id, audience="municipality").items[0]
    employer_text = " ".join(reason.text for reason in employer.reasons)
    consultant_text = " ".join(reason.text for reason in consultant.reasons)
    assert "G2" in consultant_text and "jonger dan 27" in consultant_text and "jobcoach" in consultant_text
    for secret in ("G2", "G4", "27", "jobcoach", " km tussen"):
        assert secret not in employer_text


def test_nijkerk_is_further_than_ede() -> None:
    ranking = matches(
        [placement(1, lat=EDE[0], lon=EDE[1]), placement(2, lat=NIJKERK[0], lon=NIJKERK[1])],
        [resident(max_travel_km=100)],
        1,
    )
    assert [m.id for m in ranking.items] == [1, 2]
