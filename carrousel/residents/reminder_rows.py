"""What happens to a resident's reminders when the resident changes hands or is erased.

Reminders are made by the daily job (carrousel/reminders/); their rows name the consultant
and, in their text, the resident's code. The rows are changed here, on the model, so the
residents area need not call up into the workflow layer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, select

from ..models import Proposal, Reminder

ERASED_WORD = "(gewist)"


def _about(resident_id: int) -> Any:
    """Reminders about the resident or about one of its proposals."""
    proposals = select(Proposal.id).where(Proposal.resident_id == resident_id)
    about_resident = Reminder.resident_id == resident_id
    return or_(about_resident, Reminder.proposal_id.in_(proposals))  # type: ignore[arg-type, union-attr]


def move_reminders(session: Session, *, resident_id: int, from_user_id: int | None, to_user_id: int) -> int:
    """The old consultant's reminders about the resident go to the new one (open, and done ones that may come back).

    The key ends in the user id (one reminder per kind, subject, day and user), so it moves too;
    a reminder the new consultant has already for the same key is kept and the old one dropped.
    """
    if from_user_id is None or from_user_id == to_user_id:
        return 0
    rows = session.exec(select(Reminder).where(_about(resident_id), Reminder.user_id == from_user_id)).all()
    moved = 0
    for reminder in rows:
        key = reminder.key.rsplit(":", 1)[0] + f":{to_user_id}"
        if session.exec(select(Reminder.id).where(Reminder.key == key)).first() is not None:
            session.delete(reminder)
            continue
        reminder.key, reminder.user_id = key, to_user_id
        moved += 1
    session.flush()
    return moved


def scrub_reminders(session: Session, *, resident_id: int, old_code: str) -> None:
    """Erasure: the resident's reminders go; the old code leaves every other reminder's text."""
    session.exec(delete(Reminder).where(_about(resident_id)))
    if old_code:
        session.exec(
            update(Reminder)
            .where(Reminder.text.contains(old_code, autoescape=True))  # type: ignore[attr-defined]
            .values(text=func.replace(Reminder.text, old_code, ERASED_WORD))
        )
