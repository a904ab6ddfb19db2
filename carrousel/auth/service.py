"""Accounts: passwords, login sessions, API tokens and login throttling."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from pydantic_core import PydanticCustomError
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from ..errors import ApiError
from ..models import ROLES, ApiToken, LoginSession, Role, User, utcnow
from ..models.base import normalise_email
from ..validation import InvalidInput
from . import throttle
from .account import Account

MIN_PASSWORD_LENGTH = 10
# Verifying against a real hash when the e-mail is unknown keeps the timing the same.
_DUMMY_PASSWORD = "dummy-password-for-timing"


def _hasher() -> PasswordHasher:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    hasher: PasswordHasher | None = app.extensions.get("carrousel.hasher")
    if hasher is None:
        sec = app.config["CARROUSEL"]["security"]
        hasher = PasswordHasher(time_cost=int(sec["argon2_time_cost"]), memory_cost=int(sec["argon2_memory_kib"]))
        app.extensions["carrousel.hasher"] = hasher
        app.extensions["carrousel.dummy_hash"] = hasher.hash(_DUMMY_PASSWORD)
    return hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_new_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput({field: f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(
    session: Session, *, email: str, password: str, address: str, device: str | None = None, api: bool = False
) -> User:
    """The active user with these credentials; 429 while throttled, 401 otherwise.

    `device`: the nonce of a valid device cookie for this e-mail; `api`: the token endpoint
    (throttle.py says what each counts against).
    """
    email = (email or "").strip().lower()
    throttle.check_not_throttled(session, email=email, address=address, device=device, api=api)
    user = session.exec(select(User).where(User.email == email)).first()
    _hasher()
    stored = user.password_hash if user else current_app.extensions["carrousel.dummy_hash"]
    if not _verify(stored, password or "") or user is None or not user.active:
        # A login writes nothing else; ending its transaction first frees SQLite's write lock.
        session.rollback()
        throttle.record_failure(email, address, device)
        raise ApiError(401, "E-mailadres of wachtwoord klopt niet.")
    return user


def start_login_session(session: Session, user: User) -> Account:
    token = secrets.token_urlsafe(32)
    hours = int(current_app.config["CARROUSEL"]["app"]["session_hours"])
    assert user.id is not None  # a stored user
    session.add(LoginSession(token_hash=_digest(token), user_id=user.id, expires_at=utcnow() + timedelta(hours=hours)))
    user.last_login_at = utcnow()  # shown to functioneel beheer in the user list
    session.flush()
    return _account(user, token)


def end_login_session(session: Session, token: str) -> None:
    session.exec(delete(LoginSession).where(col(LoginSession.token_hash) == _digest(token)))


def end_all_sessions(session: Session, user_id: int) -> None:
    """Log the user out everywhere: browser sessions deleted, API tokens revoked."""
    session.exec(delete(LoginSession).where(col(LoginSession.user_id) == user_id))
    session.exec(
        update(ApiToken)
        .where(col(ApiToken.user_id) == user_id, col(ApiToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def issue_api_token(session: Session, user: User) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    hours = int(current_app.config["CARROUSEL"]["app"]["token_hours"])
    expires_at = utcnow() + timedelta(hours=hours)
    assert user.id is not None  # a stored user
    session.add(ApiToken(token_hash=_digest(token), user_id=user.id, expires_at=expires_at))
    user.last_login_at = utcnow()
    session.flush()
    return token, expires_at


def revoke_api_token(session: Session, token: str) -> None:
    session.exec(update(ApiToken).where(col(ApiToken.token_hash) == _digest(token)).values(revoked_at=utcnow()))


def account_for_session(session: Session, token: str) -> Account | None:
    row = session.exec(
        select(User)
        .join(LoginSession, col(LoginSession.user_id) == User.id)
        .where(LoginSession.token_hash == _digest(token), LoginSession.expires_at > utcnow())
    ).first()
    return _account(row, token) if row is not None and row.active else None


def account_for_api_token(session: Session, token: str) -> Account | None:
    row = session.exec(
        select(User)
        .join(ApiToken, col(ApiToken.user_id) == User.id)
        .where(
            ApiToken.token_hash == _digest(token),
            ApiToken.expires_at > utcnow(),
            col(ApiToken.revoked_at).is_(None),
        )
    ).first()
    return _account(row, token) if row is not None and row.active else None


def _account(user: User, token: str) -> Account:
    assert user.id is not None
    enrolled = user.mfa_enabled_at is not None
    return Account(user.id, user.email, user.name, user.role, user.organisation_id, token, enrolled)


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: str,
    name: str = "",
    organisation_id: int | None = None,
) -> User:
    """A new active user; refuses a taken e-mail, an unknown role or a short password."""
    fields: dict[str, str] = {}
    try:
        email = normalise_email(email)
    except PydanticCustomError as exc:
        fields["email"] = exc.message()
    if role not in ROLES:
        fields["role"] = "Kies een rol."
    if role in ("employer", "location") and organisation_id is None:
        fields["organisation_id"] = "Een werkgever of aanbieder hoort bij een organisatie."
    if len(password) < MIN_PASSWORD_LENGTH:
        fields["password"] = f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if not fields and session.exec(select(User).where(User.email == email)).first():
        fields["email"] = "Er bestaat al een account met dit e-mailadres."
    if fields:
        raise InvalidInput(fields)
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=cast(Role, role),  # one of ROLES, checked above
        name=name,
        organisation_id=organisation_id,
    )
    session.add(user)
    session.flush()
    return user


def change_password(session: Session, *, user_id: int, current: str, new: str) -> User:
    user = session.get(User, user_id)
    fields = {}  # both mistakes in one round
    if user is None or not _verify(user.password_hash, current):
        fields["current_password"] = "Het huidige wachtwoord klopt niet."
    if len(new) < MIN_PASSWORD_LENGTH:
        fields["new_password"] = f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if fields or user is None:
        raise InvalidInput(fields)
    user.password_hash = hash_password(new)
    end_all_sessions(session, user_id)
    session.flush()
    return user


def set_active(session: Session, *, user_id: int, active: bool) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise ApiError(404)
    user.active = active
    if not active:
        end_all_sessions(session, user_id)
    session.flush()
    return user
