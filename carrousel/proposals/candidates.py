"""'Kandidaten' of a placement: the ranking for the municipality, only the proposed residents
for the placement's own employer or location (they never browse the pool)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from .. import disclosure
from ..audit import log_access
from ..auth.account import Account
from ..errors import ApiError
from ..guards import is_organisation_user
from ..matches.service import candidates_for_placement
from ..models import Placement, Proposal, Resident
from ..placements.operations import get_placement
from ..pseudonyms import codes_for


def candidates(session: Session, *, placement_id: int, actor: Account, limit: int) -> dict[str, Any]:
    """The candidates this actor may see for the placement."""
    if not is_organisation_user(actor):
        return candidates_for_placement(session, placement_id=placement_id, actor=actor, limit=limit)
    placement = get_placement(session, placement_id, actor)
    if placement.status == "draft":
        raise ApiError(404)
    return proposed_candidates(session, placement, actor)


def proposed_candidates(session: Session, placement: Placement, actor: Account) -> dict[str, Any]:
    """Employers and locations never browse the pool: only their active proposals for this placement,
    by their own code; no score, no rank, no count of other residents (an edit of the placement
    that moved such a count would tell them about a resident: CONTRACT.md, third version)."""
    assert placement.id is not None and actor.organisation_id is not None
    proposals = session.exec(
        select(Proposal)
        .where(
            Proposal.placement_id == placement.id,
            Proposal.organisation_id == actor.organisation_id,
            col(Proposal.status).in_(disclosure.ACTIVE_STATUSES),
        )
        .order_by(Proposal.created_at, Proposal.id)  # type: ignore[arg-type]
    ).all()
    resident_ids = [p.resident_id for p in proposals]
    # One row naming every resident shown, like the other roles' candidate lists.
    log_access(session, actor, None, "kandidaten", f"werkplek {placement.id}", resident_ids=resident_ids)
    codes = codes_for(session, actor.organisation_id, resident_ids)
    names = dict(
        session.exec(select(Resident.id, Resident.name).where(Resident.id.in_(resident_ids))).all()  # type: ignore[union-attr]
    )
    items = []
    for proposal in proposals:
        entry: dict[str, Any] = {
            "proposal_id": proposal.id,
            "code": codes[proposal.resident_id],
            "status": proposal.status,
        }
        if disclosure.shows_name(proposal):
            entry["name"] = names[proposal.resident_id]
        items.append(entry)
    return {"placement": placement, "items": items, "total": len(items)}
