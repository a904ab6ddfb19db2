"""The resident's own access: sign-in links from the consultant, and the sessions and tokens they open.

No password: a link the consultant hands over (or that is e-mailed) is the credential. Only
the SHA-256 of a secret is stored, like the users' login sessions and API tokens.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from .base import utcnow

ResidentTokenKind = Literal["session", "api"]


class ResidentLink(SQLModel, table=True):
    """A sign-in link: usable until it expires or a newer link for the same resident ends it."""

    __tablename__ = "resident_link"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    ended_at: datetime | None = None


class ResidentToken(SQLModel, table=True):
    """A browser session on /ik or a bearer token for /api/v1/resident, opened with a link."""

    __tablename__ = "resident_token"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    link_id: int | None = Field(default=None, foreign_key="resident_link.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    kind: ResidentTokenKind = Field(sa_type=String(8))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
