"""What functioneel beheer does to accounts: change a role, hand out a password-reset link."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from flask import current_app
from sqlmodel import Session

from ..auth.account import Account
from ..auth.service import _digest, end_all_sessions
from ..errors import ApiError
from ..models import ROLES, AccessLog, Organisation, User, utcnow
from ..models.accounts import ORGANISATION_ROLES
from ..validation import InvalidInput

log = logging.getLogger(__name__)


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise ApiError(404)
    return user


def change_role(session: Session, *, user_id: int, role: str, organisation_id: int | None, actor: Account) -> User:
    """Give an account another role; an employer or location belongs to an organisation of its kind.

    The user's sessions end, so the new rights hold from the next login on, everywhere.
    """
    if user_id == actor.id:
        raise InvalidInput({"role": "U kunt uw eigen rol niet wijzigen; vraag dat aan een andere beheerder."})
    user = _user(session, user_id)
    if role not in ROLES:
        raise InvalidInput({"role": "Kies een rol."})
    kind = ORGANISATION_ROLES.get(role)
    if kind is None:
        organisation_id = None
    else:
        organisation = session.get(Organisation, organisation_id) if organisation_id else None
        if organisation is None or organisation.kind != kind:
            wanted = "werkgever" if kind == "employer" else "aanbieder van activerend werk"
            raise InvalidInput({"organisation_id": f"Kies de organisatie van deze {wanted}."})
    if (user.role, user.organisation_id) != (role, organisation_id):
        user.role, user.organisation_id = role, organisation_id  # type: ignore[assignment]
        end_all_sessions(session, user_id)
    session.flush()
    return user


def issue_reset_link(session: Session, *, user_id: int, actor: Account) -> str:
    """A one-time token for the user to choose a new password; the old one stops working.

    The admin hands the link over and never learns the new password. Only the token's hash is
    kept; it expires after `security.reset_link_hours` and works once.
    """
    if user_id == actor.id:
        raise InvalidInput({"reset": "Wijzig uw eigen wachtwoord via ‘Wachtwoord’ bovenaan."})
    user = _user(session, user_id)
    if not user.active:
        raise InvalidInput({"reset": "Activeer het account eerst."})
    token = secrets.token_urlsafe(32)
    hours = int(current_app.config["CARROUSEL"]["security"]["reset_link_hours"])
    user.reset_token_hash, user.reset_expires_at = _digest(token), utcnow() + timedelta(hours=hours)
    user.password_hash = "!reset:" + secrets.token_hex(16)  # matches no password: the old one is gone
    end_all_sessions(session, user_id)
    # Who made a reset link for whom, and when: it can take over the account until used.
    session.add(AccessLog(user_id=actor.id, resident_id=None, action="herstellink", detail=f"account {user.email}"))
    log.warning("Herstellink voor %s gemaakt door beheerder %s", user.email, actor.email)
    session.flush()
    return token
