"""Closing a case with an outflow reason (uitstroom), and reopening it.

CONTRACT.md *The case over time* (Closing a case): refused while a place runs, the open
proposals are withdrawn, the reminders go except nazorg; the resident leaves every ranking and
count until the case is reopened.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from ..auth.account import Account
from ..errors import ApiError
from ..models import Reminder, Resident, ResidentEvent, utcnow
from ..models.residents import OUTFLOW_LABELS, OUTFLOW_REASONS
from ..proposals import lifecycle
from ..residents.operations import get_resident
from ..templating import dutch_date
from ..terms import Terms
from ..validation import InvalidInput

CLOSED_REASON = "dossier gesloten"


def _check_day(on: date, terms: Terms) -> None:
    today, back = date.today(), terms.step_days_back
    if on > today:
        raise InvalidInput({"on": "De datum ligt in de toekomst; sluit het dossier op of na die dag."})
    if on < today - timedelta(days=back):
        raise InvalidInput({"on": f"De datum ligt te ver terug: hoogstens {back} dagen voor vandaag."})


def _event(session: Session, resident: Resident, actor: Account, old: str, new: str, reason: str, on: date) -> None:
    session.add(
        ResidentEvent(
            resident_id=resident.id,  # type: ignore[arg-type]
            kind="dossier",
            old_value=old,
            new_value=new,
            reason=reason[:500],
            on_date=on,
            author_id=actor.id,
        )
    )


def close_case(
    session: Session, *, resident_id: int, on: date | None, reason: str, actor: Account, terms: Terms
) -> Resident:
    """Close the resident's case with an outflow reason; 409 while a place runs or when already closed."""
    resident = get_resident(session, resident_id, actor, action="dossier sluiten")
    if resident.case_status == "closed":
        raise ApiError(409, "Dit dossier is al gesloten.", code="case_closed")
    if reason not in OUTFLOW_REASONS:
        raise InvalidInput(
            {"reason": "Kies de reden van uitstroom: werk, opleiding, verhuisd, ander inkomen of anders."}
        )
    on = on or date.today()
    _check_day(on, terms)
    running = lifecycle.running_places(session, resident.id)  # type: ignore[arg-type]
    if running:
        raise ApiError(
            409,
            f"Er loopt nog een plaatsing ({running[0][1].title}); beëindig die eerst.",
            code="placement_running",
        )
    lifecycle.withdraw_by_system(session, lifecycle.open_proposals(session, resident.id), CLOSED_REASON, on)  # type: ignore[arg-type]
    _event(session, resident, actor, "open", "closed", f"Uitstroom: {OUTFLOW_LABELS[reason]}", on)
    resident.case_status, resident.closed_on, resident.outflow_reason = "closed", on, reason  # type: ignore[assignment]
    resident.updated_at = utcnow()  # the matching index takes the resident out of the rankings
    for reminder in session.exec(
        select(Reminder).where(
            Reminder.resident_id == resident.id, Reminder.status == "open", Reminder.kind != "nazorg_check"
        )
    ).all():
        reminder.status, reminder.done_at = "done", utcnow()  # resolved by its fact: the case closed
    session.flush()
    return resident


def reopen_case(session: Session, *, resident_id: int, on: date | None, actor: Account) -> Resident:
    """Reopen a closed case: the resident is in the rankings and counts again."""
    resident = get_resident(session, resident_id, actor, action="dossier heropenen")
    if resident.case_status != "closed":
        raise ApiError(409, "Dit dossier is niet gesloten.", code="case_open")
    on = on or date.today()
    if on > date.today():
        raise InvalidInput({"on": "De datum ligt in de toekomst."})
    if resident.closed_on is not None and on < resident.closed_on:
        raise InvalidInput({"on": f"De datum ligt vóór de sluiting ({dutch_date(resident.closed_on)})."})
    _event(session, resident, actor, "closed", "open", "Dossier heropend", on)
    resident.case_status, resident.closed_on, resident.outflow_reason = "open", None, None
    resident.updated_at = utcnow()
    session.flush()
    return resident
