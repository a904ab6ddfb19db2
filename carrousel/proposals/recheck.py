"""Rules follow the resident: after a change, the open proposals that no longer fit end.

CONTRACT.md *The case over time* (Re-check): each proposal from `proposed` to `introduced` that
a rule about the pair (not capacity) now excludes becomes `withdrawn` by `system` with the
rule's reason; a started one goes on. Either way the consultant gets `proposal_no_longer_fits`.
The rules are the engine's (`lifecycle.pair_exclusion`); none is restated here.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ..auth.account import Account
from ..models import Placement, Proposal, Resident
from ..models.proposals import AWAITING_STATUSES
from ..reminders.operations import add_event_reminder
from . import lifecycle


def recheck_resident(session: Session, resident: Resident, actor: Account) -> list[Proposal]:
    """Re-check the resident's open and started proposals against the rules; answers the withdrawn ones."""
    today = date.today()
    proposals = session.exec(
        select(Proposal).where(
            Proposal.resident_id == resident.id,
            col(Proposal.status).in_((*AWAITING_STATUSES, "started")),
        )
    ).all()
    withdrawn: list[Proposal] = []
    for proposal in proposals:
        placement = session.get(Placement, proposal.placement_id)
        assert placement is not None
        reason = lifecycle.pair_exclusion(session, resident, placement, today)
        if reason is None:
            continue
        if proposal.status in AWAITING_STATUSES:
            withdrawn += lifecycle.withdraw_by_system(session, [proposal], reason, today)
            text = f"Inwoner {resident.code}: het voorstel voor '{placement.title}' is ingetrokken. {reason}"
        else:
            text = f"Inwoner {resident.code}: de plaatsing '{placement.title}' past niet meer. {reason}"
        consultant = proposal.consultant_id or resident.consultant_id
        if consultant is not None:
            add_event_reminder(
                session,
                kind="proposal_no_longer_fits",
                user_id=consultant,
                subject=f"p{proposal.id}",
                text=text,
                today=today,
                resident_id=resident.id,
                placement_id=placement.id,
                proposal_id=proposal.id,
            )
    return withdrawn
