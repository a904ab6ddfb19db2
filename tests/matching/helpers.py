"""Small builders for the engine's tests: plain profiles, no app, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from matching.engine import MatchingIndex, Ranking
from matching.profiles import PlacementProfile, ResidentProfile, Weights

TODAY = date(2026, 11, 23)
WAGENINGEN = (51.9657, 5.6639)
EDE = (52.0436, 5.6667)  # about 9 km north
NIJKERK = (52.2268, 5.4755)  # about 32 km north-west


def resident(id: int = 1, **fields: Any) -> ResidentProfile:
    base = ResidentProfile(
        id=id,
        route="snel",
        phase="ontwikkeling",
        abc=3,
        birth_year=1985,
        hours_available=24,
        max_travel_km=20,
        language_level="B1",
        lat=WAGENINGEN[0],
        lon=WAGENINGEN[1],
    )
    return replace(base, **fields)


def placement(id: int = 100, **fields: Any) -> PlacementProfile:
    base = PlacementProfile(
        id=id,
        type="regulier",
        routes=frozenset({"meedoen", "ontwikkeling", "snel"}),
        phase="proef",
        max_abc=4,
        min_hours=16,
        max_hours=32,
        lat=WAGENINGEN[0],
        lon=WAGENINGEN[1],
    )
    return replace(base, **fields)


def candidates(
    placements: list[PlacementProfile], residents: list[ResidentProfile], placement_id: int, **kwargs: Any
) -> Ranking:
    index = MatchingIndex(residents, placements)
    return index.rank_candidates(placement_id, weights=Weights(), today=TODAY, limit=50, **kwargs)


def matches(
    placements: list[PlacementProfile], residents: list[ResidentProfile], resident_id: int, **kwargs: Any
) -> Ranking:
    index = MatchingIndex(residents, placements)
    return index.rank_placements(resident_id, weights=Weights(), today=TODAY, limit=50, **kwargs)


def excluded_by(p: PlacementProfile, r: ResidentProfile) -> list[str]:
    """The rules one pair fails (empty: eligible)."""
    return [code for code, _ in MatchingIndex([r], [p]).why_excluded(p.id, r.id, TODAY)]
