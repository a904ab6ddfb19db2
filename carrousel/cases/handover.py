"""A caseload never orphans: a consultant leaves only by handing the residents over.

CONTRACT.md *The case over time* (Caseload hand-over): deactivating a consultant who still has
residents needs a successor (409 `caseload_not_empty` without one); the residents, their shares
and the open reminders move to the successor, each move on the resident's timeline.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ..admin.queries import caseload_size
from ..auth import service as accounts
from ..auth.account import Account
from ..errors import ApiError
from ..models import Proposal, Reminder, Resident, ResidentEvent, ResidentShare, User, utcnow
from ..validation import InvalidInput


def deactivate_user(session: Session, *, user_id: int, successor_id: int | None, actor: Account) -> User:
    """Deactivate an account; a consultant's caseload moves to the successor first."""
    user = session.get(User, user_id)
    if user is None:
        raise ApiError(404)
    if user_id == actor.id:
        raise InvalidInput({"active": "U kunt uw eigen account niet deactiveren; vraag dat aan een andere beheerder."})
    if user.role == "consultant":
        residents = caseload_size(session, user_id)
        if residents and successor_id is None:
            raise ApiError(
                409,
                f"Deze consulent heeft nog {residents} inwoner{'' if residents == 1 else 's'}; kies wie de caseload "
                "overneemt.",
                code="caseload_not_empty",
            )
        if successor_id is not None:
            successor = session.get(User, successor_id)
            if successor is None or successor.role != "consultant" or not successor.active or successor.id == user_id:
                raise InvalidInput({"successor_id": "Kies een andere actieve consulent als opvolger."})
            _hand_over_caseload(session, user, successor, actor)
    return accounts.set_active(session, user_id=user_id, active=False)


def _hand_over_caseload(session: Session, user: User, successor: User, actor: Account) -> None:
    today = date.today()
    old, new = user.name or user.email, successor.name or successor.email
    moved = session.exec(select(Resident).where(Resident.consultant_id == user.id)).all()
    for resident in moved:
        resident.consultant_id = successor.id
        resident.updated_at = utcnow()
        session.add(
            ResidentEvent(
                resident_id=resident.id,  # type: ignore[arg-type]
                kind="consulent",
                old_value=old[:200],
                new_value=new[:200],
                reason="Overgedragen bij het deactiveren van het account",
                on_date=today,
                author_id=actor.id,
            )
        )
    moved_ids = [r.id for r in moved]
    # The successor now owns these: a share of them with the successor is no longer needed.
    doubled = col(ResidentShare.resident_id).in_(moved_ids) & (ResidentShare.consultant_id == successor.id)
    for share in session.exec(select(ResidentShare).where(doubled)).all():
        session.delete(share)
    # Residents shared with the leaving consultant: shared with the successor instead (once).
    for share in session.exec(select(ResidentShare).where(ResidentShare.consultant_id == user.id)).all():
        owner = session.get(Resident, share.resident_id)
        already = session.exec(
            select(ResidentShare.id).where(
                ResidentShare.resident_id == share.resident_id, ResidentShare.consultant_id == successor.id
            )
        ).first()
        if already is not None or (owner is not None and owner.consultant_id == successor.id):
            session.delete(share)
        else:
            share.consultant_id = successor.id  # type: ignore[assignment]
    for proposal in session.exec(select(Proposal).where(Proposal.consultant_id == user.id)).all():
        proposal.consultant_id = successor.id
    _move_reminders(session, user.id, successor.id)  # type: ignore[arg-type]
    session.flush()


def _move_reminders(session: Session, user_id: int, successor_id: int) -> None:
    """Open reminders go to the successor, under the key the daily job will look for."""
    taken = set(session.exec(select(Reminder.key).where(Reminder.user_id == successor_id)).all())
    for reminder in session.exec(select(Reminder).where(Reminder.user_id == user_id, Reminder.status == "open")).all():
        key = f"{reminder.key.rsplit(':', 1)[0]}:{successor_id}"
        if key in taken:  # the successor has this one already
            reminder.status, reminder.done_at = "done", utcnow()
            continue
        reminder.user_id, reminder.key = successor_id, key
        taken.add(key)
