"""What the reminders read: the facts the rules need, and a user's own list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from ..models import (
    ConsentRecord,
    Organisation,
    Placement,
    Proposal,
    ProposalEvent,
    Reminder,
    Resident,
    ResidentEvent,
    User,
)


@dataclass(frozen=True)
class ResidentFacts:
    id: int
    code: str
    consultant_id: int | None
    route: str | None
    route_started_on: date | None
    snel_extended: bool
    ontheffing_until: date | None
    last_contact_on: date | None
    last_evaluation: date | None
    last_reassessment: date | None
    availability_confirmed_on: date | None = None


@dataclass(frozen=True)
class ProposalFacts:
    id: int
    resident_id: int
    resident_code: str
    consultant_id: int | None
    placement_id: int
    placement_title: str
    placement_type: str
    organisation_id: int
    organisation_name: str
    status: str
    started_on: date | None
    end_date: date | None
    waiting_since: date | None
    answered: bool
    last_nazorg: date | None
    hired_on: date | None = None  # ended as hired: nazorg runs on
    case_open: bool = True  # a closed case keeps nazorg only


@dataclass(frozen=True)
class OrganisationFacts:
    id: int
    name: str
    status: str
    registered_on: date


def _last_event(session: Session, kind: str) -> dict[int, date]:
    rows = session.exec(
        select(ResidentEvent.resident_id, func.max(ResidentEvent.on_date))
        .where(ResidentEvent.kind == kind)
        .group_by(ResidentEvent.resident_id)  # type: ignore[arg-type]
    ).all()
    return {resident_id: day for resident_id, day in rows}


def resident_facts(session: Session) -> list[ResidentFacts]:
    """Every resident that is not erased, with the dates of the last evaluation and re-assessment."""
    evaluations = _last_event(session, "evaluatie")
    reassessments = _last_event(session, "herbeoordeling")
    # Only the columns the rules need: the job reads every resident once a day.
    rows = session.execute(  # SQLModel's select types at most four columns; SQLAlchemy's types these nine
        sa_select(
            col(Resident.id),
            col(Resident.code),
            col(Resident.consultant_id),
            col(Resident.route),
            col(Resident.route_started_on),
            col(Resident.snel_extended),
            col(Resident.ontheffing_until),
            col(Resident.last_contact_on),
            col(Resident.availability_confirmed_on),
        ).where(col(Resident.erased_at).is_(None), col(Resident.case_status) == "open")
    ).all()
    facts: list[ResidentFacts] = []
    for row in rows:
        assert row[0] is not None, "stored rows have an id"
        facts.append(
            ResidentFacts(
                id=row[0],
                code=row[1],
                consultant_id=row[2],
                route=row[3],
                route_started_on=row[4],
                snel_extended=row[5],
                ontheffing_until=row[6],
                last_contact_on=row[7],
                last_evaluation=evaluations.get(row[0]),
                last_reassessment=reassessments.get(row[0]),
                availability_confirmed_on=row[8],
            )
        )
    return facts


def proposal_facts(session: Session, hired_after: date | None = None) -> list[ProposalFacts]:
    """Proposals waiting on the organisation or started (or ended as hired after `hired_after`:
    nazorg runs on), of residents that are not erased."""
    running: Any = col(Proposal.status).in_(("consented", "started"))
    if hired_after is not None:
        hired = (col(Proposal.status) == "ended") & (col(Proposal.outcome) == "hired")
        running = running | (hired & (col(Proposal.ended_on) >= hired_after))
    nazorg = dict(
        session.exec(
            select(ProposalEvent.proposal_id, func.max(ProposalEvent.on_date))
            .where(ProposalEvent.status == "nazorg")
            .group_by(ProposalEvent.proposal_id)  # type: ignore[arg-type]
        ).all()
    )
    rows = session.exec(
        select(Proposal, Resident, Placement, Organisation)
        .join(Resident, Resident.id == Proposal.resident_id)  # type: ignore[arg-type]
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .join(Organisation, Organisation.id == Proposal.organisation_id)  # type: ignore[arg-type]
        .where(running, Resident.erased_at.is_(None))  # type: ignore[union-attr]
    ).all()
    facts: list[ProposalFacts] = []
    for p, r, pl, o in rows:
        assert p.id is not None and r.id is not None and pl.id is not None and o.id is not None, "stored rows"
        facts.append(ProposalFacts(
            p.id,
            r.id,
            r.code,
            p.consultant_id or r.consultant_id,
            pl.id,
            pl.title,
            pl.type,
            o.id,
            o.name,
            p.status,
            p.started_on,
            p.end_date,
            p.waiting_since,
            p.answered_at is not None,
            nazorg.get(p.id),
            p.ended_on if p.status == "ended" and p.outcome == "hired" else None,
            r.case_status == "open",
        ))
    return facts


@dataclass(frozen=True)
class ConsentWithdrawnFacts:
    proposal_id: int
    resident_id: int
    resident_code: str
    consultant_id: int | None
    placement_id: int
    placement_title: str
    withdrawn_on: date
    running: bool  # the place still runs; once it has ended there is nothing left to decide


def consent_withdrawn_facts(session: Session, proposal_id: int | None = None) -> list[ConsentWithdrawnFacts]:
    """Consent withdrawn while a place runs, or after it ended: the consultant should talk it over."""
    query = (
        select(Proposal, Resident, col(Placement.title), col(ConsentRecord.withdrawn_on))
        .join(ConsentRecord, ConsentRecord.proposal_id == Proposal.id)  # type: ignore[arg-type]
        .join(Resident, Resident.id == Proposal.resident_id)  # type: ignore[arg-type]
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .where(
            ConsentRecord.withdrawn_on.is_not(None),  # type: ignore[union-attr]
            col(Proposal.status).in_(("started", "ended")),
            Resident.erased_at.is_(None),  # type: ignore[union-attr]
        )
    )
    if proposal_id is not None:
        query = query.where(Proposal.id == proposal_id)
    return [
        ConsentWithdrawnFacts(
            p.id,  # type: ignore[arg-type]
            r.id,  # type: ignore[arg-type]
            r.code,
            p.consultant_id or r.consultant_id,
            p.placement_id,
            title,
            on,  # type: ignore[arg-type]
            running=p.status == "started",
        )
        for p, r, title, on in session.exec(query).all()
        # A place that ended after the withdrawal resolved it; one withdrawn after the end has not.
        if p.status == "started" or (p.ended_on is not None and on is not None and on >= p.ended_on)
    ]


def organisation_facts(session: Session) -> list[OrganisationFacts]:
    rows = session.exec(select(Organisation).where(Organisation.status == "pending")).all()
    return [OrganisationFacts(o.id, o.name, o.status, o.created_at.date()) for o in rows]  # type: ignore[arg-type]


def active_user_ids(session: Session) -> set[int]:
    return set(session.exec(select(User.id).where(User.active.is_(True))).all())  # type: ignore[attr-defined,arg-type]


def active_adviser_ids(session: Session) -> list[int]:
    return list(
        session.exec(select(User.id).where(User.role == "adviser", User.active.is_(True)).order_by(User.id)).all()  # type: ignore[attr-defined,arg-type]
    )


def open_reminder_count(session: Session, user_id: int) -> int:
    """How many open reminders this user has: the figure on the home page."""
    return int(
        session.exec(
            select(func.count()).select_from(Reminder).where(Reminder.user_id == user_id, Reminder.status == "open")
        ).one()
    )


def list_reminders(
    session: Session, *, user_id: int, status: str, limit: int, offset: int
) -> tuple[list[Reminder], int]:
    """The user's own reminders with this status: open ones soonest first, done ones latest first."""
    where = (Reminder.user_id == user_id, Reminder.status == status)
    total = int(session.exec(select(func.count()).select_from(Reminder).where(*where)).one())
    order = (Reminder.due_on, Reminder.id) if status == "open" else (Reminder.done_at.desc(), Reminder.id.desc())  # type: ignore[union-attr]
    rows = session.exec(select(Reminder).where(*where).order_by(*order).offset(offset).limit(limit)).all()
    return list(rows), total


def resident_names(session: Session, resident_ids: set[int], consultant_id: int) -> dict[int, str]:
    """Names of the consultant's own residents among these (the stored text holds only the code)."""
    if not resident_ids:
        return {}
    rows = session.exec(
        select(Resident.id, Resident.name).where(
            Resident.id.in_(resident_ids),  # type: ignore[union-attr]
            Resident.consultant_id == consultant_id,
            Resident.erased_at.is_(None),  # type: ignore[union-attr]
        )
    ).all()
    return {resident_id: name for resident_id, name in rows}  # type: ignore[misc]


def pending_mail(session: Session) -> list[tuple[Reminder, User]]:
    rows = session.exec(
        select(Reminder, User)
        .join(User, User.id == Reminder.user_id)  # type: ignore[arg-type]
        .where(Reminder.status == "open", Reminder.mail_state == "pending")
        .order_by(Reminder.user_id, Reminder.due_on)  # type: ignore[arg-type]
    ).all()
    return [(reminder, user) for reminder, user in rows]
