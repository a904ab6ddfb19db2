"""What users do with proposals: propose, take a step of the state table, switch, note nazorg.

Each function is one use case: it checks, writes and flushes; the request commits once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import update
from sqlmodel import Session, col, select

from ..audit import REFUSED, log_access
from ..auth.account import Account
from ..errors import ApiError
from ..guards import check_version, is_organisation_user
from ..models import (
    Placement,
    Proposal,
    ProposalCreate,
    ProposalEvent,
    ProposalExtend,
    ProposalNote,
    ProposalStep,
    ProposalSwitch,
    Resident,
    utcnow,
)
from ..models.consent import CHANNEL_LABELS
from ..models.proposals import AWAITING_STATUSES, OPEN_STATUSES
from ..placements import capacity
from ..residents.operations import get_resident
from ..templating import dutch_date
from ..terms import terms_from
from ..validation import InvalidInput
from ..wording import PROPOSAL_STATUS_LABELS as STATUS_LABELS
from . import eligibility, lifecycle, limits
from .queries import may_see
from .states import STEPS, free_place, role_may


def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = current_app.config["CARROUSEL"]
    return settings


def _record(
    session: Session, proposal: Proposal, resident: Resident, actor: Account, status: str, on: date, reason: str = ""
) -> None:
    """One step in the proposal's history and on the resident's timeline."""
    lifecycle.record_step(session, proposal, actor, status, on, reason)


def _ensure_no_open_pair(session: Session, resident_id: int, placement_id: int) -> None:
    found = session.exec(
        select(Proposal.id).where(
            Proposal.resident_id == resident_id,
            Proposal.placement_id == placement_id,
            col(Proposal.status).in_(OPEN_STATUSES),
        )
    ).first()
    if found is not None:
        raise ApiError(409, "Deze inwoner is al voorgesteld op deze werkplek; dat voorstel loopt nog.")


def _ensure_room_to_propose(session: Session, placement_id: int) -> None:
    limit = int(_settings()["proposals"]["max_awaiting_per_placement"])
    awaiting = len(
        session.exec(
            select(Proposal.id).where(
                Proposal.placement_id == placement_id,
                col(Proposal.status).in_(AWAITING_STATUSES),
            )
        ).all()
    )
    if awaiting >= limit:
        word = "voorstel wacht" if limit == 1 else "voorstellen wachten"
        raise ApiError(
            409,
            f"Op deze werkplek {word} al {limit} op antwoord; dat is het maximum. "
            "Wacht tot de organisatie reageert of trek een voorstel in.",
        )


def create_proposal(session: Session, *, data: ProposalCreate, actor: Account) -> Proposal:
    """Propose a resident of the own (or shared) caseload for a placement, checked as it stands now."""
    resident = get_resident(session, data.resident_id, actor, action="voorstellen")
    lifecycle.ensure_case_open(resident)
    placement = capacity.locked_placement(session, data.placement_id)
    if placement.status == "draft":
        raise InvalidInput({"placement_id": "Deze werkplek bestaat niet."})
    capacity.sync_fill_status(session, placement)
    _ensure_no_open_pair(session, resident.id, placement.id)  # type: ignore[arg-type]
    _ensure_room_to_propose(session, placement.id)  # type: ignore[arg-type]
    capacity.ensure_free_place(session, placement)
    eligibility.ensure_eligible(session, resident, placement, date.today())
    score, rank = eligibility.score_and_rank(session, resident.id, placement.id)  # type: ignore[arg-type]
    proposal = Proposal(
        resident_id=resident.id,  # type: ignore[arg-type]
        placement_id=placement.id,  # type: ignore[arg-type]
        organisation_id=placement.organisation_id,
        consultant_id=actor.id,
        motivation=data.motivation.strip(),
        score=score,
        rank=rank,
    )
    session.add(proposal)
    session.flush()
    _record(session, proposal, resident, actor, "proposed", date.today(), "")
    session.flush()
    return proposal


def get_proposal(session: Session, proposal_id: int, actor: Account, action: str = "voorstel bekijken") -> Proposal:
    """A proposal the actor may see (404 otherwise); a view of resident data is logged."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise ApiError(404)
    if not may_see(session, proposal, actor):
        log_access(session, actor, proposal.resident_id, REFUSED, f"voorstel {proposal.id}, geprobeerd: {action}")
        raise ApiError(404)
    log_access(session, actor, proposal.resident_id, action, f"voorstel {proposal.id}")
    return proposal


def transition(session: Session, *, proposal_id: int, data: ProposalStep, actor: Account) -> Proposal:
    """Take one step of the state table: the role, the status, the version, then the step's own `apply`."""
    to = data.to
    proposal = get_proposal(session, proposal_id, actor, action="voorstel stap")
    capacity.locked_placement(session, proposal.placement_id)  # steps on one placement queue here
    session.refresh(proposal)
    step = STEPS.get(to)
    own = is_organisation_user(actor) and actor.organisation_id == proposal.organisation_id
    if step is None:
        raise ApiError(409, f"Een voorstel kan niet naar '{to}'.", code="invalid_transition")
    if not role_may(actor.role, step, own_organisation=own):
        raise ApiError(403, "Deze stap is niet aan u.")
    if proposal.status not in step.sources:
        raise ApiError(
            409,
            f"Van '{STATUS_LABELS[proposal.status].lower()}' kan een voorstel niet naar '{STATUS_LABELS[to].lower()}'.",
            code="invalid_transition",
        )
    check_version(proposal, data.version)
    on = data.on or date.today()
    lifecycle.check_step_date(session, proposal, on, terms_from(_settings()))
    data = data.model_copy(update={"reason": data.reason.strip()})
    resident = session.get(Resident, proposal.resident_id)
    assert resident is not None
    with session.no_autoflush:  # one UPDATE of the proposal, one version step
        proposal.updated_at = utcnow()
        step.apply(session, proposal, resident, actor, data, on)
        proposal.status = data.to
    session.flush()
    _record(session, proposal, resident, actor, to, on, data.reason)
    session.flush()
    return proposal


def switch_placement(session: Session, *, proposal_id: int, data: ProposalSwitch, actor: Account) -> Proposal:
    """Simpel Switchen: a new proposal from `consented` on, no new intake; the new organisation still
    invites, and the running place ends as `switched` only when the new one starts (same step)."""
    placement_id = data.placement_id
    old = get_proposal(session, proposal_id, actor, action="wisselen")
    if actor.role not in STEPS["ended"].roles:
        raise ApiError(403, "Wisselen is aan de consulent.")
    if placement_id == old.placement_id:
        raise InvalidInput({"placement_id": "Kies een andere werkplek dan de huidige."})
    new_placement = capacity.locked_placement(session, placement_id)
    session.refresh(old)
    if old.status != "started":
        raise ApiError(409, "Alleen een gestarte plaatsing kan wisselen.", code="invalid_transition")
    check_version(old, data.version)
    on = data.on or date.today()
    lifecycle.check_step_date(session, old, on, terms_from(_settings()))
    resident = session.get(Resident, old.resident_id)
    assert resident is not None
    if new_placement.status == "draft":
        raise InvalidInput({"placement_id": "Deze werkplek bestaat niet."})
    capacity.sync_fill_status(session, new_placement)
    _ensure_no_open_pair(session, resident.id, placement_id)  # type: ignore[arg-type]
    _ensure_room_to_propose(session, placement_id)
    capacity.ensure_free_place(session, new_placement)
    eligibility.ensure_eligible(session, resident, new_placement, on)
    score, rank = eligibility.score_and_rank(session, resident.id, placement_id)  # type: ignore[arg-type]
    new = Proposal(
        resident_id=resident.id,  # type: ignore[arg-type]
        placement_id=placement_id,
        organisation_id=new_placement.organisation_id,
        consultant_id=actor.id,
        motivation=data.motivation.strip(),
        score=score,
        rank=rank,
        status="consented",
        waiting_since=on,  # the new organisation's term to answer starts now
        switch_of_id=old.id,
    )
    session.add(new)
    session.flush()
    _record(session, new, resident, actor, "proposed", on, "Simpel Switchen: zonder nieuwe intake")
    _record(
        session, new, resident, actor, "consented", on, f"Toestemming: {CHANNEL_LABELS[data.consent.channel].lower()}"
    )
    session.flush()
    return new


def extend_placement(session: Session, *, proposal_id: int, data: ProposalExtend, actor: Account) -> Proposal:
    """A dated decision to let the resident's place run longer, within the type's limit (422 `until` beyond)."""
    proposal = get_proposal(session, proposal_id, actor, action="verlengen")
    if actor.role != "consultant":
        raise ApiError(403, "Verlengen is aan de consulent.")
    if proposal.status != "started":
        raise ApiError(409, "Alleen een gestarte plaatsing kan verlengen.", code="invalid_transition")
    check_version(proposal, data.version)
    reason = data.reason.strip()
    if not reason:
        raise InvalidInput({"reason": "Schrijf op waarom de plaatsing langer duurt."})
    placement = session.get(Placement, proposal.placement_id)
    resident = session.get(Resident, proposal.resident_id)
    assert placement is not None and resident is not None
    terms = terms_from(_settings())
    with session.no_autoflush:
        proposal.end_date = limits.extension_end(session, proposal, placement.type, data.until, terms)
        proposal.updated_at = utcnow()
    session.flush()
    words = f"Verlengd tot {dutch_date(data.until)}: {reason}"
    _record(session, proposal, resident, actor, "extended", date.today(), words)
    session.flush()
    return proposal


def add_nazorg_note(session: Session, *, proposal_id: int, data: ProposalNote, actor: Account) -> None:
    """Nazorg: the consultant notes whether the place still fits (a step in the history, no status change)."""
    proposal = get_proposal(session, proposal_id, actor, action="nazorg")
    if actor.role != "consultant":
        raise ApiError(403, "Nazorg is aan de consulent.")
    if not (proposal.status == "started" or (proposal.status == "ended" and proposal.outcome == "hired")):
        # Nazorg runs on after a hire (reminders.nazorg_months_after_hire): a note then still counts.
        raise ApiError(409, "Nazorg hoort bij een gestarte plaatsing of een baan.", code="invalid_transition")
    note = data.note.strip()
    if not note:
        raise InvalidInput({"note": "Schrijf op hoe het gaat."})
    resident = session.get(Resident, proposal.resident_id)
    assert resident is not None
    _record(session, proposal, resident, actor, "nazorg", data.on or date.today(), note[:1000])
    session.flush()


def close_for_erasure(session: Session, resident: Resident, actor: Account) -> None:
    """Erasure: a running place ends (stopped) and frees its capacity, open proposals are withdrawn,
    and the words written about the resident go; the rows stay for the anonymous counts."""
    proposals = session.exec(select(Proposal).where(Proposal.resident_id == resident.id)).all()
    today = date.today()
    for proposal in proposals:
        if proposal.status == "started":
            capacity.locked_placement(session, proposal.placement_id)
            free_place(session, proposal, resident, actor, max(today, proposal.started_on or today), "stopped", "")
        elif proposal.status in AWAITING_STATUSES:
            proposal.status = "withdrawn"
        proposal.motivation, proposal.reason = "", ""
        proposal.updated_at = utcnow()
    session.exec(
        update(ProposalEvent).where(col(ProposalEvent.proposal_id).in_([p.id for p in proposals])).values(reason="")
    )
    session.flush()
