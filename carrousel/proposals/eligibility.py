"""The engine's verdict on one pair at one moment: eligible or not, and the score and rank.

No rule is restated here: eligibility is one call into `matching` (one resident profile against
one placement profile, as the rows are now, no index built); the score and rank come from the
process's matching index. Capacity ("an occupied place") is `placements.capacity`.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlmodel import Session

from matching.eligibility import why_not_eligible

from ..geo import centroids
from ..matches.bridge import placement_profile, resident_profile
from ..matches.index import current_index
from ..matches.service import weights
from ..models import Organisation, Placement, Resident
from ..validation import InvalidInput

RANK_FIRST_LOOK = 20
RANK_LIMIT = 5000


def ensure_eligible(session: Session, resident: Resident, placement: Placement, on: date) -> None:
    """422 naming placement_id with the engine's reason when a rule excludes the pair on `on`.

    Capacity is left out (occupied 0): no free place is a 409, checked under the lock before this.
    """
    failed = excluded_reasons(session, resident, placement, on)
    if failed:
        raise InvalidInput({"placement_id": failed[0][1]})


def excluded_reasons(session: Session, resident: Resident, placement: Placement, on: date) -> list[tuple[str, str]]:
    """Every rule (code, Dutch reason) that excludes this pair on `on`, as the rows are now; capacity left out."""
    organisation = session.get(Organisation, placement.organisation_id)
    assert organisation is not None
    areas = centroids(current_app)
    profile = placement_profile(placement, organisation.status, organisation.sector, 0, areas)
    return list(why_not_eligible(resident_profile(resident, areas), profile, on))


def score_and_rank(session: Session, resident_id: int, placement_id: int) -> tuple[float | None, int | None]:
    """The match as the consultant saw it: the score and the place in the resident's Passende plekken."""
    index = current_index(current_app, session)
    try:
        ranking = index.rank_placements(resident_id, weights=weights(), today=date.today(), limit=RANK_FIRST_LOOK)
        if not any(m.id == placement_id for m in ranking.items) and ranking.eligible > RANK_FIRST_LOOK:
            limit = min(ranking.eligible, RANK_LIMIT)
            ranking = index.rank_placements(resident_id, weights=weights(), today=date.today(), limit=limit)
    except KeyError:  # not in the index (e.g. erased meanwhile): no rank to keep
        return None, None
    for position, match in enumerate(ranking.items, start=1):
        if match.id == placement_id:
            return match.score, position
    return None, None
