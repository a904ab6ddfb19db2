"""Capacity: the one definition of "an occupied place".

A place is occupied by a proposal that started and has not ended (DOMAIN.md, *The carousel*).
The start sets the resident's `placement_id` too, but the count is always taken here: the
checks on a start, the placement form and the matching index read the same rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..errors import ApiError
from ..models import Placement, Proposal, utcnow
from ..validation import InvalidInput

OCCUPYING_STATUS = "started"


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
    """Places taken on one placement."""
    return session.exec(
        select(func.count()).where(Proposal.placement_id == placement_id, Proposal.status == OCCUPYING_STATUS)
    ).one()


def occupied_by_placement(session: Session) -> dict[int, int]:
    """Places taken on every placement that has any (the matching index's build and sync)."""
    rows: Any = session.exec(
        select(Proposal.placement_id, func.count())
        .where(Proposal.status == OCCUPYING_STATUS)
        .group_by(col(Proposal.placement_id))
    ).all()
    return {placement_id: count for placement_id, count in rows}


def free_places(session: Session, placement: Placement) -> int:
    assert placement.id is not None
    return int(placement.capacity) - occupied(session, placement.id)


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
