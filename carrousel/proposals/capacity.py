"""Capacity held by started proposals, and the engine's verdict on one pair at one moment.

No rule is restated here: eligibility comes from `matching` (one resident, one placement,
as the rows are now), the score and rank from the process's matching index.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import func
from sqlmodel import Session, select

from matching.engine import MatchingIndex

from ..errors import ApiError
from ..geo import centroids
from ..matches.bridge import placement_profile, resident_profile
from ..matches.index import current_index
from ..matches.service import weights
from ..models import Organisation, Placement, Proposal, Resident, utcnow
from ..validation import InvalidInput

RANK_FIRST_LOOK = 20
RANK_LIMIT = 5000


def locked_placement(session: Session, placement_id: int) -> Placement:
    """The placement row, locked until the request commits: two starts on the last place queue here.

    PostgreSQL: SELECT ... FOR UPDATE; SQLite already holds the write lock (BEGIN IMMEDIATE).
    `populate_existing` re-reads it, so a copy loaded earlier in the session is not trusted.
    """
    placement = session.exec(
        select(Placement)
        .where(Placement.id == placement_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if placement is None:
        raise InvalidInput({"placement_id": "Deze werkplek bestaat niet."})
    return placement


def occupied(session: Session, placement_id: int) -> int:
    """Places taken: the proposals that started and have not ended."""
    return session.exec(
        select(func.count()).where(Proposal.placement_id == placement_id, Proposal.status == "started")
    ).one()


def free_places(session: Session, placement: Placement) -> int:
    return int(placement.capacity) - occupied(session, placement.id)  # type: ignore[arg-type]


def ensure_free_place(session: Session, placement: Placement) -> None:
    if free_places(session, placement) <= 0:
        raise ApiError(409, "Deze werkplek heeft geen vrije plaats meer.")


def sync_fill_status(session: Session, placement: Placement, *, taken_or_freed: bool = False) -> None:
    """`filled` (with filled_at) when no place is left, `open` again when one frees."""
    free = free_places(session, placement)
    changed = taken_or_freed
    if free <= 0 and placement.status == "open":
        placement.status, placement.filled_at, changed = "filled", utcnow(), True
    elif free > 0 and placement.status == "filled":
        placement.status, changed = "open", True
    if changed:  # the matching index re-reads placements stamped since its last look
        placement.updated_at = utcnow()


def ensure_eligible(session: Session, resident: Resident, placement: Placement, on: date) -> None:
    """422 naming placement_id with the engine's reason when a rule excludes the pair on `on`.

    The pair is judged as the rows are now (not as the index last saw them). Capacity is left
    out (occupied 0): no free place is a 409, checked under the lock before this.
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
    index = MatchingIndex([resident_profile(resident, areas)], [profile])
    return index.why_excluded(placement.id, resident.id, on)  # type: ignore[arg-type]


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
