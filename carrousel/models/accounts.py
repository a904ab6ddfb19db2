"""Users, their login sessions and API tokens, and failed logins for throttling."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from .base import utcnow

Role = Literal["consultant", "adviser", "employer", "location", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
ROLE_LABELS = {
    "consultant": "Consulent werk en participatie",
    "adviser": "Adviseur werkgeversdienstverlening",
    "employer": "Werkgever",
    "location": "Aanbieder activerend werk",
    "admin": "Functioneel beheer",
}
ORGANISATION_ROLES = {"employer": "employer", "location": "location"}  # role -> organisation kind


class User(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=255)
    role: Role = Field(sa_type=String(20))
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    # A one-time password-reset link the admin hands over: only its hash is kept, until used.
    reset_token_hash: str | None = Field(default=None, max_length=64, index=True)
    reset_expires_at: datetime | None = None
    # Second factor (TOTP, RFC 6238): the shared secret, set when enrolment begins, and when
    # the user proved the app works. The last time step used refuses a replayed code.
    totp_secret: str | None = Field(default=None, max_length=64)
    mfa_enabled_at: datetime | None = None
    totp_last_step: int | None = None


class LoginSession(SQLModel, table=True):
    """A server-side record of one browser login: deleting it ends that session for real."""

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None


class LoginFailure(SQLModel, table=True):
    """Counted in the database so throttling holds across all workers."""

    __tablename__ = "login_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    address: str = Field(max_length=64, index=True)
    # The nonce of the valid device cookie the attempt carried: counted against that device only.
    device: str | None = Field(default=None, max_length=32, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
