"""'Kandidaten' of a placement: the ranking for the municipality, only the proposed residents
for the placement's own employer or location (they never browse the pool)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from sqlmodel import Session

from ..audit import log_access
from ..auth.account import Account
from ..errors import ApiError
from ..guards import is_organisation_user
from ..matches.index import current_index
from ..matches.service import candidates_for_placement, weights
from ..models import Placement
from ..placements.operations import get_placement
from .queries import describe, eligible_band, proposed_to_placement


def candidates(session: Session, *, placement_id: int, actor: Account, limit: int) -> dict[str, Any]:
    """The candidates this actor may see for the placement."""
    if not is_organisation_user(actor):
        return candidates_for_placement(session, placement_id=placement_id, actor=actor, limit=limit)
    placement = get_placement(session, placement_id, actor)
    if placement.status == "draft":
        raise ApiError(404)
    return proposed_candidates(session, placement, actor)


def proposed_candidates(session: Session, placement: Placement, actor: Account) -> dict[str, Any]:
    """Employers and locations: only who was proposed to them, by code, and a band of the eligible count."""
    assert placement.id is not None
    index = current_index(current_app, session)
    ranking = index.rank_candidates(
        placement.id, weights=weights(), today=date.today(), limit=1, audience="organisation"
    )
    proposals = proposed_to_placement(session, placement.id, actor)
    # One row naming every resident shown, like the other roles' candidate lists.
    log_access(
        session, actor, None, "kandidaten", f"werkplek {placement.id}", resident_ids=[p.resident_id for p in proposals]
    )
    items = []
    for item in describe(session, proposals, actor):
        entry = {"proposal_id": item["id"], "code": item["resident_code"], "status": item["status"]}
        if "name" in item:  # from the introduction on
            entry["name"] = item["name"]
        items.append(entry)
    return {"placement": placement, "items": items, "total": len(items), "eligible": eligible_band(ranking.eligible)}
