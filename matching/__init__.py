"""The Werkcarrousel ranking engine: plain data in, ranked and explained pairs out.

Nothing here imports Flask or the database, so the rules can be tested and reused alone.
For many rankings keep a `MatchingIndex` and upsert changed records; for a one-off:

    from matching import PlacementProfile, ResidentProfile, rank_candidates
    ranking = rank_candidates(PlacementProfile(id=1, type="regulier", routes=frozenset({"snel"})),
                              [ResidentProfile(id=7, route="snel", abc=2, hours_available=24)])
    ranking.items[0].score, ranking.items[0].reasons, ranking.excluded_by_reason
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .eligibility import is_eligible, why_not_eligible
from .engine import Match, MatchingIndex, Ranking, Reason
from .explain import Audience
from .profiles import PlacementProfile, ResidentProfile, Weights
from .rules import RULES, Rule

__all__ = [
    "RULES",
    "Audience",
    "Match",
    "MatchingIndex",
    "PlacementProfile",
    "Ranking",
    "Reason",
    "ResidentProfile",
    "Rule",
    "Weights",
    "is_eligible",
    "rank_candidates",
    "rank_placements",
    "why_not_eligible",
]


def rank_candidates(
    placement: PlacementProfile,
    residents: Sequence[ResidentProfile],
    *,
    weights: Weights | None = None,
    today: date | None = None,
    limit: int = 20,
    audience: Audience = "municipality",
) -> Ranking:
    """Residents for one placement, best first, with the exclusions per rule."""
    index = MatchingIndex(residents, [placement])
    return index.rank_candidates(
        placement.id, weights=weights or Weights(), today=today or date.today(), limit=limit, audience=audience
    )


def rank_placements(
    resident: ResidentProfile,
    placements: Sequence[PlacementProfile],
    *,
    weights: Weights | None = None,
    today: date | None = None,
    limit: int = 20,
    audience: Audience = "municipality",
) -> Ranking:
    """Placements for one resident, best first, with the exclusions per rule."""
    index = MatchingIndex([resident], placements)
    return index.rank_placements(
        resident.id, weights=weights or Weights(), today=today or date.today(), limit=limit, audience=audience
    )
