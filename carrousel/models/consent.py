"""Consent as a record, and the installation's pseudonym secret.

CONTRACT.md *What an organisation sees*: consent to show a resident to an organisation has a
channel, a scope (the resident fields it may see), a date, and may be withdrawn; what the
organisation sees is a snapshot of the scoped fields taken at consent, never live data. The
rules live in `carrousel/proposals/consent.py` and `carrousel/disclosure.py`; these are the
tables and the request model.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from .base import utcnow

ConsentChannel = Literal["in_person", "phone", "in_writing", "online"]
CONSENT_CHANNELS: tuple[str, ...] = get_args(ConsentChannel)
ConsentField = Literal["hours_available", "language_level", "driving_licence", "wished_occupations", "talents"]
# Support needs are never in scope: the organisation learns the support it gives from the agreement.
CONSENT_SCOPE: tuple[ConsentField, ...] = get_args(ConsentField)
CHANNEL_LABELS = {
    "in_person": "In een gesprek",
    "phone": "Telefonisch",
    "in_writing": "Schriftelijk",
    "online": "Online door de inwoner zelf",
}
SCOPE_LABELS = {
    "hours_available": "Uren per week beschikbaar",
    "language_level": "Taalniveau Nederlands",
    "driving_licence": "Rijbewijs",
    "wished_occupations": "Gewenste beroepen",
    "talents": "Talenten en interesses",
}


class ConsentBody(BaseModel):
    """The `consent` of a step to `consented`: how it was given and what the organisation may see."""

    model_config = ConfigDict(extra="forbid")

    channel: ConsentChannel
    scope: list[ConsentField] = list(CONSENT_SCOPE)


class ConsentWithdrawal(BaseModel):
    """The resident withdrew consent (POST /proposals/{id}/consent/withdrawal, the proposal page)."""

    model_config = ConfigDict(extra="forbid")

    on: date | None = None
    version: int | None = None


class ConsentRecord(SQLModel, table=True):
    """The resident's consent for one proposal: one row per proposal."""

    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", unique=True, index=True)
    given_on: date
    # None only for consents recorded before the record existed (migration 0009).
    channel: ConsentChannel | None = Field(default=None, sa_type=String(12))
    scope: list[str] = Field(default_factory=list, sa_type=JSON)
    # The scoped resident fields as they were at consent: all an organisation ever reads of them.
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    withdrawn_on: date | None = None
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class InstallationSecret(SQLModel, table=True):
    """A secret made once per installation (per database: it survives a backup and restore)."""

    __tablename__ = "installation_secret"

    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=200)
