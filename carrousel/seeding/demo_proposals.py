"""Demo proposals in every state, so each role sees the carousel move at once.

Robust to other demo data: the pairs are found by asking the workflow itself (a pair the
rules refuse is skipped), by the demo employer's and location's organisation, not by titles.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlmodel import Session, col, select

from matching.vocabulary import PAID_TYPES

from ..auth.account import Account
from ..errors import ApiError
from ..income.operations import ScenarioCreate, create_scenario
from ..matches.index import current_index, out_of_ranking
from ..models import (
    Placement,
    PlacementAgreement,
    Proposal,
    ProposalCreate,
    ProposalEvent,
    ProposalStep,
    Resident,
    User,
)
from ..proposals import consent, operations
from ..proposals.lifecycle import running_places
from ..validation import InvalidInput

# (whose placements, the status to reach, days ago the resident consented); one proposal each.
PLAN = [
    ("employer", "proposed", None),
    ("employer", "consented", 2),
    ("employer", "consented", 12),  # past the organisation's ten working days
    ("employer", "introduced", 6),
    ("employer", "started", 40),
    ("employer", "ended", 120),
    ("employer", "declined", 9),
    ("employer", "withdrawn", 3),
    ("location", "consented", 1),
    ("location", "introduced", 4),
    ("location", "started", 25),
    ("other", "consented", 5),
    ("other", "introduced", 3),
    ("other", "declined", 15),
    ("other", "started", 60),
]
STEPS = ["consented", "introduced", "started", "ended"]
_COUNSELLING = ScenarioCreate(
    household="single", net_monthly_wage=Decimal("950.00"), discussed=["toeslagen", "reiskosten"]
)
MOTIVATION = "Past bij de wensen en de uren van de inwoner; wil graag met de handen werken."


def _account(user: User) -> Account:
    assert user.id is not None  # a stored user
    return Account(user.id, user.email, user.name, user.role, user.organisation_id, "")


def seed_proposals(session: Session) -> int:
    """Walk each planned proposal along the state table; answers how many were made."""
    users = session.exec(select(User).order_by(col(User.id))).all()
    by_role: dict[str, list[Account]] = {}
    for user in users:
        by_role.setdefault(user.role, []).append(_account(user))
    if not by_role.get("consultant") or not by_role.get("adviser"):
        return 0
    consultants = {a.id: a for a in by_role["consultant"]}
    adviser = by_role["adviser"][0]
    own = {kind: by_role[kind][0].organisation_id for kind in ("employer", "location") if by_role.get(kind)}
    placements = session.exec(select(Placement).where(Placement.status == "open").order_by(col(Placement.id))).all()
    residents = session.exec(select(Resident).where(col(Resident.erased_at).is_(None)).order_by(col(Resident.id))).all()
    index = current_index(current_app, session)
    made = 0
    for whose, status, consented_ago in PLAN:
        candidates = [p for p in placements if _belongs(p, whose, own)]
        # Only pairs the engine finds eligible now are tried (each try is a full check): a quick first sieve.
        ranked = [r for r in residents if not out_of_ranking(r)]  # a hire earlier in the plan left the rankings
        pairs = [(p, r) for p in candidates for r in ranked if not index.why_excluded(p.id, r.id, date.today())]  # type: ignore[arg-type]
        # A consultant proposes someone who wants this work: no technician to the bakery.
        pairs = [(p, r) for p, r in pairs if _wanted(p, r)]
        if _one(session, pairs, consultants, adviser, status, consented_ago):
            made += 1
    return made


def _wanted(placement: Placement, resident: Resident) -> bool:
    """The resident wishes for this occupation or this sector."""
    return placement.occupation in resident.wished_occupations or placement.sector in resident.wished_sectors


def _belongs(placement: Placement, whose: str, own: dict[str, int | None]) -> bool:
    if whose == "other":
        return placement.organisation_id not in own.values()
    return placement.organisation_id == own.get(whose)


def _one(
    session: Session,
    pairs: list[tuple[Placement, Resident]],
    consultants: dict[int, Account],
    adviser: Account,
    status: str,
    consented_ago: int | None,
) -> bool:
    """The first resident and placement the workflow accepts all the way to `status`."""
    for placement, resident in pairs:
        consultant = consultants.get(resident.consultant_id)  # type: ignore[arg-type]
        if consultant is None or (status in ("started", "ended") and running_places(session, resident.id)):  # type: ignore[arg-type]
            continue
        savepoint = session.begin_nested()
        try:
            _walk(session, resident.id, placement.id, consultant, adviser, status, consented_ago)  # type: ignore[arg-type]
        except (ApiError, InvalidInput):
            savepoint.rollback()
            continue
        savepoint.commit()
        return True
    return False


def _proposed_on(session: Session, proposal: Proposal, day: date) -> None:
    """The demo's story began earlier: its first step is dated back, so later steps follow it in order."""
    event = session.exec(
        select(ProposalEvent).where(ProposalEvent.proposal_id == proposal.id, ProposalEvent.status == "proposed")
    ).first()
    if event is not None:
        event.on_date = day
    proposal.created_at = datetime.combine(day, time(10), tzinfo=UTC)
    session.flush()


def _walk(
    session: Session,
    resident_id: int,
    placement_id: int,
    consultant: Account,
    adviser: Account,
    status: str,
    consented_ago: int | None,
) -> None:
    data = ProposalCreate(resident_id=resident_id, placement_id=placement_id, motivation=MOTIVATION)
    proposal = operations.create_proposal(session, data=data, actor=consultant)
    if status == "proposed":
        return
    today = date.today()
    consented_on = today - timedelta(days=consented_ago or 0)
    _proposed_on(session, proposal, consented_on - timedelta(days=1))
    path = {
        "withdrawn": [("withdrawn", consultant, today, {"reason": "De inwoner wil eerst een cursus afmaken."})],
        "declined": [
            ("consented", consultant, consented_on, {}),
            ("declined", adviser, today - timedelta(days=1), {"reason": "Er is deze maand geen begeleiding."}),
        ],
    }.get(status)
    if path is None:
        path = []
        for index, to in enumerate(STEPS[: STEPS.index(status) + 1]):
            actor = adviser if to == "introduced" else consultant
            on = consented_on + timedelta(days=[0, 4, 10, 90][index])
            extra: dict[str, Any] = {"kind": "driegesprek"} if to == "introduced" else {}
            if to == "ended":
                extra = {"outcome": "hired", "reason": "Vast contract na de proefplaatsing."}
            path.append((to, actor, min(on, today), extra))
    paid = session.get(Placement, placement_id).type in PAID_TYPES  # type: ignore[union-attr]
    for to, actor, on, extra in path:
        if to == "consented":  # consent is a record: given in a conversation, all five fields shown
            consent.record_consent(session, proposal=proposal, channel="in_person", scope=None, on=on, actor=actor)
            continue
        if to == "started":
            _signed_agreement(session, proposal.id, on)  # type: ignore[arg-type]
        if to == "started" and paid:  # benefit counselling before a paid start, dated the start itself
            counselling = _COUNSELLING.model_copy(update={"on": on})
            create_scenario(session, resident_id=resident_id, data=counselling, actor=actor)
        step = ProposalStep(to=to, on=on, **extra)
        operations.transition(session, proposal_id=proposal.id, data=step, actor=actor)  # type: ignore[arg-type]


def _signed_agreement(session: Session, proposal_id: int, on: date) -> None:
    """The driegesprek's agreement, acknowledged by all three (a trial starts only with one)."""
    session.add(
        PlacementAgreement(
            proposal_id=proposal_id,
            tasks="Meewerken in het team, met een vaste begeleider.",
            hours_per_week=16,
            schedule="Maandag, dinsdag en donderdag, 9 tot 14 uur",
            supervisor="De teamleider",
            start_on=on,
            support="Elke twee weken een gesprek met de jobcoach.",
            consultant_acknowledged_on=on,
            organisation_acknowledged_on=on,
            resident_acknowledged_on=on,
        )
    )
    session.flush()
