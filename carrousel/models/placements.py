"""Placements (werkplekken) and the kansrijke-beroepen list."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from matching.vocabulary import (
    AbcLevel,
    LanguageLevel,
    PhysicalLoad,
    PlacementPhase,
    PlacementStatus,
    PlacementType,
    Route,
    Support,
)

from .base import CleanText, JsonList, Postcode, Versioned, nullable_columns, utcnow


class PlacementBase(SQLModel):
    title: CleanText = Field(min_length=2, max_length=200)
    description: CleanText = Field(default="", max_length=5000)
    type: PlacementType = Field(sa_type=String(24), index=True)
    routes: list[Route] = Field(default_factory=list, sa_type=JsonList)
    phase: PlacementPhase = Field(default="ontwikkeling", sa_type=String(16))
    max_abc: AbcLevel = Field(default="G4", sa_type=String(2))
    min_hours: int = Field(default=0, ge=0, le=40)
    max_hours: int = Field(default=40, ge=1, le=60)
    language_level: LanguageLevel = Field(default="none", sa_type=String(4))
    physical_load: PhysicalLoad = Field(default="light", sa_type=String(8))
    driving_licence: bool = False
    skills: list[str] = Field(default_factory=list, sa_type=JsonList)
    occupation: CleanText = Field(default="", max_length=200)
    # Its own sector: a bike workshop at a welfare location is listed under Fietsen, not Welzijn.
    sector: CleanText = Field(default="", max_length=100)
    supports: list[Support] = Field(default_factory=list, sa_type=JsonList)
    postcode: Postcode = Field(max_length=7)
    capacity: int = Field(default=1, ge=1, le=500)
    start_date: date | None = None
    end_date: date | None = None
    status: PlacementStatus = Field(default="draft", sa_type=String(8), index=True)


def placement_range_errors(values: object) -> dict[str, str]:
    """The checks that span fields, shared by create and update: field -> Dutch message."""
    errors: dict[str, str] = {}
    lo, hi = getattr(values, "min_hours", None), getattr(values, "max_hours", None)
    if lo is not None and hi is not None and lo > hi:
        errors["max_hours"] = "Het maximum aantal uren moet minstens het minimum zijn."
    start, end = getattr(values, "start_date", None), getattr(values, "end_date", None)
    if start is not None and end is not None and end < start:
        errors["end_date"] = "De einddatum ligt voor de startdatum."
    return errors


def raw_range_errors(data: dict[str, Any]) -> dict[str, str]:
    """The same checks on raw input whose other fields may still be wrong (one round of errors)."""

    def number(key: str) -> int | None:
        value = data.get(key)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def day(key: str) -> date | None:
        value = data.get(key)
        try:
            return date.fromisoformat(value) if isinstance(value, str) and value else None
        except ValueError:
            return None

    return placement_range_errors(
        SimpleNamespace(
            min_hours=number("min_hours"),
            max_hours=number("max_hours"),
            start_date=day("start_date"),
            end_date=day("end_date"),
        )
    )


class Placement(Versioned, PlacementBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    occupation_code: str | None = Field(default=None, max_length=12)
    kansrijk: bool = False
    posted_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    filled_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    version: int = Field(default=1)


class PlacementCreate(PlacementBase):
    """What a client sends to post a placement.

    Routes, max_abc and phase default per type; postcode and sector to the organisation's.
    """

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    # Left out, routes, max_abc, phase, postcode and sector take the type's or organisation's
    # default; an explicit null for them (or for capacity, skills, ...) is refused with 422.
    NULLABLE: ClassVar[frozenset[str]] = nullable_columns(Placement)

    organisation_id: int | None = None
    routes: list[Route] | None = None  # type: ignore[assignment]
    max_abc: AbcLevel | None = None  # type: ignore[assignment]
    phase: PlacementPhase | None = None  # type: ignore[assignment]
    postcode: Postcode | None = None  # type: ignore[assignment]
    sector: CleanText | None = Field(default=None, max_length=100)  # type: ignore[assignment]

    @model_validator(mode="after")
    def _ranges(self) -> PlacementCreate:
        for field, message in placement_range_errors(self).items():
            raise PydanticCustomError(field, message)
        return self

    @classmethod
    def cross_field_errors(cls, data: dict[str, Any]) -> dict[str, str]:
        return raw_range_errors(data)


class PlacementUpdate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    NULLABLE: ClassVar[frozenset[str]] = nullable_columns(Placement, "version")

    version: int | None = None
    title: CleanText | None = Field(default=None, min_length=2, max_length=200)
    description: CleanText | None = Field(default=None, max_length=5000)
    type: PlacementType | None = None
    routes: list[Route] | None = None
    phase: PlacementPhase | None = None
    max_abc: AbcLevel | None = None
    min_hours: int | None = Field(default=None, ge=0, le=40)
    max_hours: int | None = Field(default=None, ge=1, le=60)
    language_level: LanguageLevel | None = None
    physical_load: PhysicalLoad | None = None
    driving_licence: bool | None = None
    skills: list[str] | None = None
    occupation: CleanText | None = Field(default=None, max_length=200)
    sector: CleanText | None = Field(default=None, max_length=100)
    supports: list[Support] | None = None
    postcode: Postcode | None = None
    capacity: int | None = Field(default=None, ge=1, le=500)
    start_date: date | None = None
    end_date: date | None = None
    status: PlacementStatus | None = None

    @classmethod
    def cross_field_errors(cls, data: dict[str, Any]) -> dict[str, str]:
        return raw_range_errors(data)


class Occupation(SQLModel, table=True):
    """One entry of the UWV kansrijke-beroepen list (replaced yearly from seed/)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=12, index=True)
    name: str = Field(max_length=200)
    sector: str = Field(max_length=100)
    level: str = Field(max_length=20)
