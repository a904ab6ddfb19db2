"""Issue 20, item 7: exclusion reasons with numbers, for the consultant only."""

from __future__ import annotations

import re
from datetime import date

import pytest

from matching.engine import MatchingIndex
from matching.profiles import Weights
from matching.rules import RULE_BY_CODE
from tests.matching.helpers import NIJKERK, TODAY, placement, resident

CASES = [
    ({"min_hours": 16}, {"hours_available": 12}, "uren", "Vraagt minimaal 16 uur per week, de inwoner kan 12."),
    ({"max_abc": 4}, {"abc": 5}, "abc", "Kan tot G4, de inwoner is G5."),
    (
        {"language_level": "B1"},
        {"language_level": "A2"},
        "taalniveau",
        "Vraagt taalniveau B1 Nederlands, de inwoner heeft A2.",
    ),
    ({"free_places": 0}, {}, "niet_beschikbaar", "De plek is vol: 0 plaatsen vrij."),
    ({}, {"ontheffing_until": date(2026, 11, 25)}, "ontheffing", "nog 2 dagen"),
]


@pytest.mark.parametrize(("p_fields", "r_fields", "code", "expected"), CASES)
def test_the_consultant_reads_the_numbers(p_fields: dict, r_fields: dict, code: str, expected: str) -> None:
    p, r = placement(**p_fields), resident(**r_fields)
    index = MatchingIndex([r], [p])
    reasons = dict(index.why_excluded_in_numbers(p.id, r.id, TODAY))
    assert expected in reasons[code]
    # The number-free reason stays what every other reader gets.
    assert dict(index.why_excluded(p.id, r.id, TODAY))[code] == RULE_BY_CODE[code].reason


def test_distance_in_kilometres_with_a_decimal_comma() -> None:
    p, r = placement(lat=NIJKERK[0], lon=NIJKERK[1]), resident(max_travel_km=20)
    text = dict(MatchingIndex([r], [p]).why_excluded_in_numbers(p.id, r.id, TODAY))["afstand"]
    assert re.fullmatch(r"Ligt \d+(,\d)? km weg, de inwoner reist hoogstens 20 km; de plek biedt geen vervoer\.", text)


def test_the_ranking_words_examples_with_numbers_for_the_municipality_only() -> None:
    p, r = placement(min_hours=16), resident(hours_available=12)
    index = MatchingIndex([r], [p])
    mine = index.rank_placements(r.id, weights=Weights(), today=TODAY)
    assert mine.excluded_texts == {p.id: "Vraagt minimaal 16 uur per week, de inwoner kan 12."}
    theirs = index.rank_candidates(p.id, weights=Weights(), today=TODAY, audience="organisation")
    assert theirs.excluded_texts == {}
