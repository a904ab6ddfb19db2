"""What a visitor and an organisation do with interest messages: send one, remove one."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from ..auth.account import Account
from ..errors import ApiError
from ..models import InterestCreate, InterestMessage, utcnow
from ..models.interest import CONSENT_TEXT
from .queries import catalogue_place


def sender_key(secret: str, address: str) -> str:
    """A keyed hash of the network address: enough to count, not to know who it was."""
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()


def send_interest(
    session: Session, *, placement_id: int, data: InterestCreate, sender: str, per_hour: int, today: date
) -> InterestMessage:
    """Store a visitor's message for the place's organisation; refused past the hourly limit."""
    found = catalogue_place(session, placement_id, today)
    if found is None:
        raise ApiError(404, "Deze plek staat niet (meer) open.")
    (placement, organisation), _free = found
    recent = session.exec(
        select(func.count())
        .select_from(InterestMessage)
        .where(InterestMessage.sender_key == sender, InterestMessage.created_at >= utcnow() - timedelta(hours=1))
    ).one()
    if recent >= per_hour:
        raise ApiError(
            429,
            "Je hebt het afgelopen uur al veel berichten gestuurd. Probeer het over een uur opnieuw, "
            "of neem rechtstreeks contact op met de organisatie.",
        )
    message = InterestMessage(
        placement_id=placement.id,  # type: ignore[arg-type]
        organisation_id=organisation.id,  # type: ignore[arg-type]
        name=data.name,
        contact=data.contact,
        message=data.message,
        consent_text=CONSENT_TEXT,
        sender_key=sender,
    )
    session.add(message)
    session.flush()
    return message


def remove_interest(session: Session, *, message_id: int, actor: Account) -> None:
    """The organisation handled the message: it is deleted (nothing kept longer than needed)."""
    message = session.get(InterestMessage, message_id)
    if message is None or message.organisation_id != actor.organisation_id:
        raise ApiError(404, "Dit bericht bestaat niet.")
    session.delete(message)
    session.flush()
