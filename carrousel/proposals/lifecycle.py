"""The case over its lifetime, as far as proposals carry it (CONTRACT.md *The case over time*).

Small functions the steps in `operations.py` call: the dates of steps, one paid and one unpaid
place at a time, what a hire does, and withdrawals by the system (role `system`, no author).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from matching.vocabulary import PAID_TYPES

from ..auth.account import Account
from ..errors import ApiError
from ..models import Organisation, Placement, Proposal, ProposalEvent, Resident, ResidentEvent, utcnow
from ..models.proposals import AWAITING_STATUSES
from ..templating import dutch_date
from ..terms import Terms
from ..validation import InvalidInput
from . import eligibility

SYSTEM = "system"
HIRED_REASON = "in dienst getreden"
# Steps of the state table, not notes or decisions beside it: the order of dates holds between these.
_NOT_STEPS = ("nazorg", "extended")


def check_step_date(session: Session, proposal: Proposal, on: date, terms: Terms) -> None:
    """422 `on` when the date lies before the previous step, or too far ahead or back from today."""
    today = date.today()
    ahead, back = terms.step_days_ahead, terms.step_days_back
    if on > today + timedelta(days=ahead):
        raise InvalidInput({"on": f"Deze datum ligt te ver vooruit: hoogstens {ahead} dagen na vandaag."})
    if on < today - timedelta(days=back):
        raise InvalidInput({"on": f"Deze datum ligt te ver terug: hoogstens {back} dagen voor vandaag."})
    previous = last_step_on(session, proposal.id)  # type: ignore[arg-type]
    if previous is not None and on < previous:
        raise InvalidInput({"on": f"Deze datum ligt vóór de vorige stap ({dutch_date(previous)})."})


def last_step_on(session: Session, proposal_id: int) -> date | None:
    found: date | None = session.exec(
        select(func.max(ProposalEvent.on_date)).where(
            ProposalEvent.proposal_id == proposal_id,
            ProposalEvent.status.not_in(_NOT_STEPS),  # type: ignore[attr-defined]
        )
    ).one()
    return found


def is_paid(placement_type: str) -> bool:
    return placement_type in PAID_TYPES


def running_places(session: Session, resident_id: int) -> list[tuple[Proposal, Placement]]:
    """The resident's started proposals with their placements: its places (one paid, one unpaid at most)."""
    rows = session.exec(
        select(Proposal, Placement)
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .where(Proposal.resident_id == resident_id, Proposal.status == "started")
        .order_by(Proposal.started_on, Proposal.id)  # type: ignore[arg-type]
    ).all()
    return [(p, pl) for p, pl in rows]


def ensure_room_for(session: Session, resident: Resident, placement: Placement, leaving: int | None = None) -> None:
    """409 when the resident already runs a place of the same kind (paid or unpaid).

    `leaving`: a started proposal that ends in this same step (a switch), so it does not count.
    """
    paid = is_paid(placement.type)
    for proposal, running in running_places(session, resident.id):  # type: ignore[arg-type]
        if proposal.id != leaving and is_paid(running.type) == paid:
            kind = "betaalde" if paid else "onbetaalde"
            raise ApiError(
                409,
                f"Deze inwoner heeft al een {kind} werkplek ({running.title}). Naast elkaar kan één betaalde "
                "en één onbetaalde plek; beëindig de huidige eerst of wissel naar de nieuwe.",
            )


def ensure_case_open(resident: Resident) -> None:
    if resident.case_status == "closed":
        raise ApiError(409, "Het dossier van deze inwoner is gesloten; heropen het eerst.", code="case_closed")


def record_step(session: Session, proposal: Proposal, actor: Account, status: str, on: date, reason: str = "") -> None:
    """One step in the proposal's history and on the resident's timeline, by a user."""
    session.add(
        ProposalEvent(
            proposal_id=proposal.id,  # type: ignore[arg-type]
            status=status,
            on_date=on,
            role=actor.role,
            author_id=actor.id,
            reason=reason,
        )
    )
    placement = session.get(Placement, proposal.placement_id)
    title = placement.title if placement else f"werkplek {proposal.placement_id}"
    session.add(
        ResidentEvent(
            resident_id=proposal.resident_id,
            kind="voorstel" if status != "nazorg" else "nazorg",
            old_value="",
            new_value=status,
            reason=f"{title}{': ' + reason if reason else ''}"[:500],
            on_date=on,
            author_id=actor.id,
        )
    )


def switched_from(session: Session, proposal: Proposal) -> Proposal | None:
    """The running place this proposal replaces (Simpel Switchen), if it still runs."""
    if proposal.switch_of_id is None:
        return None
    old = session.get(Proposal, proposal.switch_of_id)
    return old if old is not None and old.status == "started" else None


def record_system_step(session: Session, proposal: Proposal, status: str, on: date, reason: str) -> None:
    """A step the application takes by itself: in the history with role `system`, on the timeline."""
    session.add(
        ProposalEvent(proposal_id=proposal.id, status=status, on_date=on, role=SYSTEM, reason=reason)  # type: ignore[arg-type]
    )
    placement = session.get(Placement, proposal.placement_id)
    title = placement.title if placement else f"werkplek {proposal.placement_id}"
    session.add(
        ResidentEvent(
            resident_id=proposal.resident_id,
            kind="voorstel",
            new_value=status,
            reason=f"{title}: {reason}"[:500],
            on_date=on,
        )
    )


def withdraw_by_system(session: Session, proposals: Sequence[Proposal], reason: str, on: date) -> list[Proposal]:
    """Withdraw these proposals (those still awaiting an answer) with role `system` and this reason."""
    withdrawn = []
    for proposal in proposals:
        if proposal.status not in AWAITING_STATUSES:
            continue
        proposal.status, proposal.reason, proposal.updated_at = "withdrawn", reason[:1000], utcnow()
        record_system_step(session, proposal, "withdrawn", max(on, last_step_on(session, proposal.id) or on), reason)  # type: ignore[arg-type]
        withdrawn.append(proposal)
    session.flush()
    return withdrawn


def open_proposals(session: Session, resident_id: int, *, but: int | None = None) -> list[Proposal]:
    """The resident's proposals awaiting an answer (proposed, consented, introduced)."""
    rows = session.exec(
        select(Proposal).where(
            Proposal.resident_id == resident_id,
            col(Proposal.status).in_(AWAITING_STATUSES),
        )
    ).all()
    return [p for p in rows if p.id != but]


def after_hire(session: Session, proposal: Proposal, resident: Resident, author_id: int | None, on: date) -> None:
    """A hire: the other open proposals end, the phase becomes nazorg, the employment is on the resident."""
    withdraw_by_system(session, open_proposals(session, resident.id, but=proposal.id), HIRED_REASON, on)  # type: ignore[arg-type]
    organisation = session.get(Organisation, proposal.organisation_id)
    employer = organisation.name if organisation else ""
    if resident.phase != "nazorg":
        session.add(
            ResidentEvent(
                resident_id=resident.id,  # type: ignore[arg-type]
                kind="fase",
                old_value=resident.phase,
                new_value="nazorg",
                reason=f"In dienst bij {employer}"[:500],
                on_date=on,
                author_id=author_id,
            )
        )
        resident.phase = "nazorg"
    resident.employed_since, resident.employer = on, employer[:200]
    resident.updated_at = utcnow()  # the matching index takes the resident out of the rankings


def pair_exclusion(session: Session, resident: Resident, placement: Placement, on: date) -> str | None:
    """The reason of the first rule about this pair that excludes it on `on` (capacity and the
    placement's own availability left out: those are no fact of the resident's)."""
    for code, reason in eligibility.excluded_reasons(session, resident, placement, on):
        if code != "niet_beschikbaar":
            return reason
    return None
