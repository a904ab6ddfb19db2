"""What users read about proposals: who sees which, their JSON shapes, the inbox, the pipeline, quality."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, false, func, or_, true
from sqlmodel import Session, col, select

from .. import disclosure
from ..auth.account import Account
from ..guards import is_organisation_user
from ..models import (
    Organisation,
    Placement,
    PlacementAgreement,
    PlacementEvaluation,
    Proposal,
    ProposalEvent,
    Resident,
    User,
)
from ..models.proposals import OPEN_STATUSES, ProposalStatus
from ..pseudonyms import codes_for
from ..residents.operations import caseload_filter
from ..validation import InvalidInput

# An organisation sees a proposal from the resident's consent on (never one that stopped before).
ORGANISATION_STATUSES = ("consented", "introduced", "started", "ended")
RANK_BANDS = (("1", 1, 1), ("2-3", 2, 3), ("4-10", 4, 10), ("11+", 11, None))


class ProposalFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ProposalStatus | None = None
    resident_id: int | None = None
    placement_id: int | None = None
    organisation_id: int | None = None
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


def _organisation_sees() -> Any:
    return or_(
        col(Proposal.status).in_(ORGANISATION_STATUSES),
        and_(col(Proposal.status).in_(("declined", "withdrawn")), col(Proposal.waiting_since).is_not(None)),
    )


def organisation_sees(proposal: Proposal) -> bool:
    return proposal.status in ORGANISATION_STATUSES or (
        proposal.status in ("declined", "withdrawn") and proposal.waiting_since is not None
    )


def visible(actor: Account) -> Any:
    """The where-clause of the proposals this user may see."""
    if actor.role == "adviser":
        return true()
    if actor.role == "consultant":
        return Proposal.resident_id.in_(select(Resident.id).where(caseload_filter(actor)))  # type: ignore[attr-defined]
    if is_organisation_user(actor):
        return and_(col(Proposal.organisation_id) == actor.organisation_id, _organisation_sees())
    return false()


def may_see(session: Session, proposal: Proposal, actor: Account) -> bool:
    if actor.role == "adviser":
        return True
    if actor.role == "resident":  # signed in on /ik: their own proposals only
        return proposal.resident_id == getattr(actor, "resident_id", None)
    if is_organisation_user(actor):
        return proposal.organisation_id == actor.organisation_id and organisation_sees(proposal)
    if actor.role == "consultant":
        found = session.exec(select(Resident.id).where(Resident.id == proposal.resident_id, caseload_filter(actor)))
        return found.first() is not None
    return False


def list_proposals(session: Session, actor: Account, filters: ProposalFilter) -> tuple[list[Proposal], int]:
    if is_organisation_user(actor) and filters.resident_id is not None:
        # An organisation never learns residents' ids: filtering by one would link codes to them.
        raise InvalidInput({"resident_id": "Organisaties zoeken niet op inwoner; filter op werkplek of status."})
    query = select(Proposal).where(visible(actor))
    for name in ("status", "resident_id", "placement_id", "organisation_id"):
        value = getattr(filters, name)
        if value is not None:
            query = query.where(getattr(Proposal, name) == value)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(Proposal.created_at, Proposal.id).offset(filters.offset).limit(filters.limit)  # type: ignore[arg-type]
    ).all()
    return list(rows), total


def describe(session: Session, proposals: Sequence[Proposal], actor: Account) -> list[dict[str, Any]]:
    """Proposals as this user may read them (CONTRACT.md *Proposals*), with few queries for a list."""
    if not proposals:
        return []
    ids = [p.id for p in proposals]
    residents = _by_id(session, Resident, {p.resident_id for p in proposals})
    placements = _by_id(session, Placement, {p.placement_id for p in proposals})
    organisations = _by_id(session, Organisation, {p.organisation_id for p in proposals})
    consultants = _by_id(session, User, {p.consultant_id for p in proposals if p.consultant_id})
    events: dict[int, list[ProposalEvent]] = {}
    for event in session.exec(
        select(ProposalEvent)
        .where(ProposalEvent.proposal_id.in_(ids))  # type: ignore[attr-defined]
        .order_by(ProposalEvent.at, ProposalEvent.id)  # type: ignore[arg-type]
    ).all():
        events.setdefault(event.proposal_id, []).append(event)
    organisation_view = is_organisation_user(actor)
    consents = disclosure.records_for(session, ids)  # type: ignore[arg-type]
    codes = codes_for(session, actor.organisation_id, residents) if organisation_view else {}  # type: ignore[arg-type]
    agreements = _by_proposal(session, PlacementAgreement, ids)
    evaluations = _by_proposal(session, PlacementEvaluation, ids)
    items = []
    for p in proposals:
        assert p.id is not None, "only stored proposals are described"
        resident = residents[p.resident_id]
        placement = placements[p.placement_id]
        consultant = consultants.get(p.consultant_id) if p.consultant_id else None
        item: dict[str, Any] = {
            "id": p.id,
            "resident_code": codes[p.resident_id] if organisation_view else resident.code,
            "placement_id": p.placement_id,
            "placement_title": placement.title,
            "organisation_id": p.organisation_id,
            "organisation_name": organisations[p.organisation_id].name,
            "status": p.status,
            "motivation": p.motivation,
            "introduction_kind": p.introduction_kind,
            "introduced_on": _iso(p.introduced_on),
            "started_on": _iso(p.started_on),
            "end_date": _iso(p.end_date),
            "end_on": _iso(p.end_date),  # the resident's place ends: the type's limit, or earlier, or extended
            "ended_on": _iso(p.ended_on),
            "outcome": p.outcome,
            "created_at": p.created_at.isoformat(),
            "version": p.version,
            "contact": {"name": consultant.name, "email": consultant.email} if consultant else None,
            "agreement": agreements[p.id].public() if p.id in agreements else None,
            "evaluation": evaluations[p.id].public() if p.id in evaluations else None,
        }
        if organisation_view:
            # CONTRACT.md *What an organisation sees*: the rules are in carrousel/disclosure.py.
            if disclosure.shows_name(p):
                item["name"] = resident.name
            if disclosure.shows_details(p):
                item["resident"] = disclosure.snapshot_shown(p, consents.get(p.id))
            else:
                item.update(motivation="", contact=None, introduction_kind=None, outcome=None)
            item["history"] = disclosure.history_shown(events.get(p.id, []))
        else:
            item.update(
                resident_id=p.resident_id,
                name=resident.name,
                score=p.score,
                rank=p.rank,
                reason=p.reason,
                consent=disclosure.consent_json(consents.get(p.id)),
                waiting_since=_iso(p.waiting_since),
                answered_at=p.answered_at.isoformat() if p.answered_at else None,
                history=[_entry(e) for e in events.get(p.id, [])],
            )
        items.append(item)
    return items


def _entry(event: ProposalEvent) -> dict[str, Any]:
    return {"status": event.status, "on": event.on_date.isoformat(), "role": event.role, "reason": event.reason}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _by_proposal(session: Session, model: Any, ids: list[Any]) -> dict[int, Any]:
    """The agreement or evaluation of each proposal (CONTRACT.md *Agreement*)."""
    return {row.proposal_id: row for row in session.exec(select(model).where(model.proposal_id.in_(ids))).all()}


def _by_id(session: Session, model: Any, ids: set[Any]) -> dict[int, Any]:
    if not ids:
        return {}
    return {row.id: row for row in session.exec(select(model).where(model.id.in_(list(ids)))).all()}


def awaiting_for(session: Session, account: Account) -> int:
    """How many proposals wait on this user now (the home page's count).

    Employer, location: consented ones for their placements (an answer is theirs to give);
    adviser: every consented one (they may answer for the organisation); consultant: the own
    caseload's proposals awaiting a consent or a start to record.
    """
    if account.role == "consultant":
        statuses: tuple[str, ...] = ("proposed", "introduced")
    elif account.role in ("adviser", "employer", "location"):
        statuses = ("consented",)
    else:
        return 0
    query = select(func.count()).select_from(Proposal).where(visible(account), col(Proposal.status).in_(statuses))
    return int(session.exec(query).one())


def proposals_of_resident(session: Session, resident_id: int) -> list[tuple[Proposal, str, str]]:
    """A resident's proposals, newest first, with the placement's title and organisation."""
    rows = session.exec(
        select(Proposal, Placement.title, Organisation.name)
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .join(Organisation, Organisation.id == Proposal.organisation_id)  # type: ignore[arg-type]
        .where(Proposal.resident_id == resident_id)
        .order_by(Proposal.created_at.desc(), Proposal.id.desc())  # type: ignore[attr-defined, union-attr]
    ).all()
    return [(p, title, name) for p, title, name in rows]


def waiting_key(proposal: Proposal) -> tuple[date, int]:
    """Oldest waiting first: since the consent, or since the proposal when there is none yet."""
    return (proposal.waiting_since or proposal.created_at.date(), proposal.id or 0)


def pipeline(
    session: Session, *, organisation_id: int | None = None, placement_id: int | None = None
) -> list[Proposal]:
    """Every proposal for the adviser, oldest waiting first, filtered by organisation and placement."""
    query = select(Proposal)
    if organisation_id is not None:
        query = query.where(Proposal.organisation_id == organisation_id)
    if placement_id is not None:
        query = query.where(Proposal.placement_id == placement_id)
    return sorted(session.exec(query).all(), key=waiting_key)


def median_days_to_answer(session: Session) -> list[tuple[str, float, int]]:
    """Per organisation: the median days from the consent to the first answer, over answered proposals."""
    rows = session.exec(
        select(Organisation.name, col(Proposal.waiting_since), col(Proposal.answered_at))
        .join(Organisation, col(Organisation.id) == col(Proposal.organisation_id))
        .where(col(Proposal.waiting_since).is_not(None), col(Proposal.answered_at).is_not(None))
    ).all()
    days: dict[str, list[int]] = {}
    for name, waiting_since, answered_at in rows:
        assert waiting_since is not None and answered_at is not None  # the where-clause leaves out the others
        days.setdefault(name, []).append(max(0, (answered_at.date() - waiting_since).days))
    return sorted(((name, float(statistics.median(d)), len(d)) for name, d in days.items()), key=lambda r: -r[1])


def matching_quality(session: Session) -> dict[str, Any]:
    """What proposals at each rank band led to: the worth of the ranking (GET /matching/quality)."""
    rows = session.exec(select(col(Proposal.rank), col(Proposal.started_on), col(Proposal.outcome))).all()

    def counts(selected: list[Any]) -> dict[str, int]:
        return {
            "proposals": len(selected),
            "started": sum(1 for _, started, _ in selected if started is not None),
            "hired": sum(1 for _, _, outcome in selected if outcome == "hired"),
        }

    by_rank = {
        band: counts([r for r in rows if r[0] is not None and low <= r[0] and (high is None or r[0] <= high)])
        for band, low, high in RANK_BANDS
    }
    return {**counts(list(rows)), "by_rank": by_rank}


def open_proposal_ids(
    session: Session, *, resident_id: int | None = None, placement_id: int | None = None
) -> dict[int, int]:
    """Open proposals of one resident (by placement) or to one placement (by resident): their ids.

    A page offers *Voorstellen* only where no proposal runs yet, and says "al voorgesteld"
    with a link where one does (the workflow refuses a second one anyway).
    """
    query = select(Proposal.id, Proposal.placement_id, Proposal.resident_id).where(
        col(Proposal.status).in_(OPEN_STATUSES)
    )
    if resident_id is not None:
        query = query.where(Proposal.resident_id == resident_id)
    if placement_id is not None:
        query = query.where(Proposal.placement_id == placement_id)
    rows = session.exec(query).all()
    key = 1 if resident_id is not None else 2
    ids: dict[int, int] = {}
    for row in rows:
        assert row[0] is not None, "stored proposals have an id"
        ids[int(row[key])] = int(row[0])
    return ids
