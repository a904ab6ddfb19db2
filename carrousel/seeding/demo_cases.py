"""Demo stories of the case over its lifetime (issue 16): a closed case, a resident with part-time
paid work beside participation, and a participatieplaats or proefplaatsing with an extension.

Like the demo proposals, each story asks the workflow itself (a pair the rules refuse is skipped).
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlmodel import Session, col, select

from ..auth.account import Account
from ..cases.operations import close_case
from ..errors import ApiError
from ..income.operations import create_scenario
from ..models import Placement, Proposal, ProposalCreate, ProposalExtend, ProposalStep, Resident, User
from ..proposals import consent, lifecycle, operations
from ..terms import terms_from
from ..validation import InvalidInput
from .demo_proposals import _COUNSELLING, MOTIVATION, _proposed_on, _wanted

LIMITED = ("participatieplaats", "proefplaatsing")
EXTENSION_REASON = "Meer tijd om het werkritme op te bouwen; besproken met de inwoner en de werkplek."


def seed_case_stories(session: Session) -> None:
    """Each story once; a story the demo data cannot tell is left out."""
    consultants = {u.id or 0: _account(u) for u in session.exec(select(User).where(User.role == "consultant")).all()}
    advisers = session.exec(select(User).where(User.role == "adviser").order_by(User.id)).all()  # type: ignore[arg-type]
    if not consultants or not advisers:
        return
    adviser = _account(advisers[0])
    _part_time_work_beside_participation(session, consultants, adviser)
    _an_extension(session, consultants, adviser)
    _a_closed_case(session, consultants)


def _account(user: User) -> Account:
    return Account(user.id or 0, user.email, user.name, user.role, user.organisation_id, "")


def _residents(session: Session) -> list[Resident]:
    query = select(Resident).where(Resident.erased_at.is_(None), Resident.case_status == "open")  # type: ignore[union-attr]
    return list(session.exec(query.order_by(Resident.id)).all())  # type: ignore[arg-type]


def _start(
    session: Session, resident: Resident, placement: Placement, consultant: Account, adviser: Account, ago: int
) -> Proposal | None:
    """Walk one proposal to `started`, `ago` days back; None when the workflow refuses the pair."""
    savepoint = session.begin_nested()
    try:
        data = ProposalCreate(resident_id=resident.id or 0, placement_id=placement.id or 0, motivation=MOTIVATION)
        proposal = operations.create_proposal(session, data=data, actor=consultant)
        first = date.today() - timedelta(days=ago)
        _proposed_on(session, proposal, first)
        consent.record_consent(session, proposal=proposal, channel="in_person", scope=None, on=first, actor=consultant)
        for to, actor, on in (
            ("introduced", adviser, first + timedelta(days=3)),
            ("started", consultant, first + timedelta(days=7)),
        ):
            if to == "started" and lifecycle.is_paid(placement.type):  # benefit counselling before a paid start
                counselling = _COUNSELLING.model_copy(update={"on": on})
                create_scenario(session, resident_id=resident.id or 0, data=counselling, actor=consultant)
            step = ProposalStep(to=to, on=on)
            operations.transition(session, proposal_id=proposal.id or 0, data=step, actor=actor)
    except (ApiError, InvalidInput):
        savepoint.rollback()
        return None
    savepoint.commit()
    return proposal


def _part_time_work_beside_participation(session: Session, consultants: dict[int, Account], adviser: Account) -> None:
    """A resident in an unpaid place who also starts part-time paid work."""
    paid = [
        p for p in session.exec(select(Placement).where(Placement.status == "open")).all() if lifecycle.is_paid(p.type)
    ]
    for resident in _residents(session):
        places = lifecycle.running_places(session, resident.id)  # type: ignore[arg-type]
        consultant = consultants.get(resident.consultant_id or 0)
        if consultant is None or [lifecycle.is_paid(p.type) for _, p in places] != [False]:
            continue
        for placement in paid:
            if not _wanted(placement, resident):  # no technician to the bakery (issue 20)
                continue
            if _start(session, resident, placement, consultant, adviser, ago=30) is not None:
                return


def _an_extension(session: Session, consultants: dict[int, Account], adviser: Account) -> None:
    """A started participatieplaats or proefplaatsing whose consultant decided to extend it."""
    if not _extend_one(session, consultants):
        _start_a_trial(session, consultants, adviser)
        _extend_one(session, consultants)


def _start_a_trial(session: Session, consultants: dict[int, Account], adviser: Account) -> None:
    trials = session.exec(
        select(Placement).where(Placement.status == "open", col(Placement.type).in_(LIMITED)).order_by(Placement.id)  # type: ignore[arg-type]
    ).all()
    for resident in _residents(session):
        consultant = consultants.get(resident.consultant_id or 0)
        if consultant is None or lifecycle.running_places(session, resident.id):  # type: ignore[arg-type]
            continue
        for placement in trials:
            if _start(session, resident, placement, consultant, adviser, ago=50) is not None:
                return


def _extend_one(session: Session, consultants: dict[int, Account]) -> bool:
    rows = session.exec(
        select(Proposal, Placement)
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .where(Proposal.status == "started", col(Placement.type).in_(LIMITED))
    ).all()
    for proposal, _placement in rows:
        consultant = consultants.get(proposal.consultant_id or 0)
        if consultant is None or proposal.end_date is None:
            continue
        savepoint = session.begin_nested()
        try:
            extension = ProposalExtend(until=proposal.end_date + timedelta(days=30), reason=EXTENSION_REASON)
            operations.extend_placement(session, proposal_id=proposal.id or 0, data=extension, actor=consultant)
        except (ApiError, InvalidInput):
            savepoint.rollback()
            continue
        savepoint.commit()
        return True
    return False


def _a_closed_case(session: Session, consultants: dict[int, Account]) -> None:
    """A resident who found work elsewhere: the case closed with outflow `work`."""
    terms = terms_from(current_app.config["CARROUSEL"])
    for resident in reversed(_residents(session)):
        consultant = consultants.get(resident.consultant_id or 0)
        if consultant is None or lifecycle.running_places(session, resident.id):  # type: ignore[arg-type]
            continue
        if lifecycle.open_proposals(session, resident.id):  # type: ignore[arg-type]
            continue
        savepoint = session.begin_nested()
        try:
            close_case(
                session,
                resident_id=resident.id,  # type: ignore[arg-type]
                on=date.today() - timedelta(days=12),
                reason="work",
                actor=consultant,
                terms=terms,
            )
        except (ApiError, InvalidInput):
            savepoint.rollback()
            continue
        savepoint.commit()
        return
