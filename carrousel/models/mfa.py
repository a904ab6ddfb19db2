"""Recovery codes for the second factor: for when the phone with the authenticator is lost."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow


class RecoveryCode(SQLModel, table=True):
    """One single-use code, stored as a hash only: the user saw it once, at enrolment."""

    __tablename__ = "recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    code_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None
