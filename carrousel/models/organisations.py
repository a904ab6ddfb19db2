"""Employers and activerend-werk locations."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import ConfigDict
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel

from .base import CleanText, Email, Postcode, Versioned, nullable_columns, utcnow

OrganisationKind = Literal["employer", "location"]
KIND_LABELS = {"employer": "Werkgever", "location": "Aanbieder activerend werk"}
OrganisationStatus = Literal["pending", "approved", "rejected", "inactive"]
STATUS_LABELS = {
    "pending": "Wacht op goedkeuring",
    "approved": "Goedgekeurd",
    "rejected": "Afgewezen",
    "inactive": "Gedeactiveerd",
}


class OrganisationBase(SQLModel):
    kind: OrganisationKind = Field(sa_type=String(16), index=True)
    name: CleanText = Field(min_length=2, max_length=200)
    postcode: Postcode = Field(max_length=7)
    sector: CleanText = Field(default="", max_length=100)
    contact_email: Email = Field(max_length=254)


class Organisation(Versioned, OrganisationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    status: OrganisationStatus = Field(default="pending", sa_type=String(16), index=True)
    status_reason: str = Field(default="", max_length=500)
    # use_alter: users point at organisations and organisations at their creator (a cycle).
    created_by_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("user_account.id", use_alter=True, name="fk_organisation_created_by"), nullable=True
        ),
    )
    approved_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    version: int = Field(default=1)


class OrganisationCreate(OrganisationBase):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    NULLABLE: ClassVar[frozenset[str]] = nullable_columns(Organisation)


class OrganisationUpdate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    NULLABLE: ClassVar[frozenset[str]] = nullable_columns(Organisation, "version")

    version: int | None = None
    name: CleanText | None = Field(default=None, min_length=2, max_length=200)
    postcode: Postcode | None = None
    sector: CleanText | None = Field(default=None, max_length=100)
    contact_email: Email | None = None
