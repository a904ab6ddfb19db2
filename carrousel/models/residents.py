"""Residents in a consultant's caseload, their ABC history, timeline and access log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from matching.vocabulary import (
    AbcLevel,
    LanguageLevel,
    PhysicalLoad,
    ResidentPhase,
    Route,
    Support,
)

from .base import CleanText, JsonList, Postcode, Versioned, normalise_email, nullable_columns, utcnow


def _whole_months(value: Any) -> Any:
    # A form sends "3"; the API sends 3. Both mean the same term.
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


# The snel term a consultant chooses: the configured standard or extended term (carrousel/terms.py),
# checked against the terms in force by the use case; the resident row keeps the choice.
SnelMonths = Annotated[int, BeforeValidator(_whole_months), Field(ge=1, le=36)]
CaseStatus = Literal["open", "closed"]
# Uitstroom: why a case closed (CONTRACT.md *The case over time*).
OutflowReason = Literal["work", "education", "moved", "other_income", "other"]
OUTFLOW_REASONS: tuple[str, ...] = get_args(OutflowReason)
OUTFLOW_LABELS = {
    "work": "Werk",
    "education": "Opleiding",
    "moved": "Verhuisd",
    "other_income": "Ander inkomen",
    "other": "Anders",
}


def _optional_email(value: Any) -> Any:
    # Blank: no e-mail address known (the sign-in link is then handed over, not mailed).
    return normalise_email(value) if isinstance(value, str) and value.strip() else ""


OptionalEmail = Annotated[str, BeforeValidator(_optional_email)]


def _not_in_future(value: date | None) -> date | None:
    if value is not None and value > date.today():
        raise PydanticCustomError("availability_confirmed_on", "Deze datum ligt in de toekomst.")
    return value


class ResidentBase(SQLModel):
    name: CleanText = Field(min_length=1, max_length=200)
    contact: CleanText = Field(default="", max_length=300)
    birth_year: int | None = Field(default=None, ge=1900, le=2100)  # required unless birth_date is given
    birth_date: date | None = None  # when known: birth_year follows and the age rule uses the exact date
    postcode: Postcode = Field(max_length=7)
    newcomer: bool = False
    route: Route | None = Field(default=None, sa_type=String(16), index=True)
    phase: ResidentPhase = Field(default="intake", sa_type=String(16), index=True)
    ladder_now: int | None = Field(default=None, ge=1, le=6)
    ladder_target: int | None = Field(default=None, ge=1, le=6)
    doelgroepregister: bool = False
    beschut_advies: bool = False
    wmo_dagbesteding: bool = False
    ontheffing_until: date | None = None
    wants_to_participate: bool = False
    hours_available: int | None = Field(default=None, ge=0, le=60)  # None: unknown
    max_travel_km: int = Field(default=10, ge=0, le=300)
    driving_licence: bool = False
    language_level: LanguageLevel = Field(default="none", sa_type=String(4))
    physical_capacity: PhysicalLoad = Field(default="medium", sa_type=String(8))
    needs: list[Support] = Field(default_factory=list, sa_type=JsonList)
    wished_occupations: list[str] = Field(default_factory=list, sa_type=JsonList)
    wished_sectors: list[str] = Field(default_factory=list, sa_type=JsonList)
    talents: CleanText = Field(default="", max_length=5000)
    email: OptionalEmail = Field(default="", max_length=254)


class Resident(Versioned, ResidentBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)
    birth_year: int | None = Field(default=None)  # None once erased
    consultant_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    # The case over its lifetime: closed with an outflow reason, and the employment after a hire.
    # The resident's places are its started proposals (one paid and one unpaid at most).
    case_status: CaseStatus = Field(default="open", sa_type=String(8), index=True)
    closed_on: date | None = None
    outflow_reason: OutflowReason | None = Field(default=None, sa_type=String(16))
    employed_since: date | None = None
    employer: str = Field(default="", max_length=200)
    route_started_on: date | None = None
    snel_extended: bool = False  # snel: the extended term was chosen (its months: the terms in force)
    # The route's deadline from the terms in force: recomputed when a term or a fact changes.
    route_deadline: date | None = Field(default=None, index=True)
    last_contact_on: date | None = None
    abc: AbcLevel | None = Field(default=None, sa_type=String(2))  # latest measurement, cached
    abc_measured_on: date | None = None
    # Freshness (CONTRACT.md *The resident's own pages*): the day the resident last confirmed
    # hours and wishes, online or to the consultant; older than matching.stale_after_months: stale.
    availability_confirmed_on: date | None = None
    still_looking: bool = True
    erased_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    version: int = Field(default=1)


class ResidentCreate(ResidentBase):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    # snel_months null: the configured standard term.
    NULLABLE: ClassVar[frozenset[str]] = nullable_columns(Resident, "snel_months")

    abc: AbcLevel | None = None  # recorded as a measurement of today; POST .../abc takes a date
    snel_months: SnelMonths | None = None
    route_started_on: date | None = None
    last_contact_on: date | None = None
    availability_confirmed_on: date | None = None  # blank: the day it is recorded

    @model_validator(mode="after")
    def _birth_year_from_date(self) -> ResidentCreate:
        _check_birth_date(self.birth_date)
        _not_in_future(self.availability_confirmed_on)
        if self.birth_date is not None:
            self.birth_year = self.birth_date.year
        elif self.birth_year is None:
            raise PydanticCustomError("birth_year", "Vul het geboortejaar of de geboortedatum in.")
        return self


class ResidentUpdate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    # A measured ABC level is never taken away (a new measurement replaces it): abc may not be null.
    NULLABLE: ClassVar[frozenset[str]] = nullable_columns(Resident, "version", "snel_months") - {
        "abc",
        "availability_confirmed_on",  # once confirmed, a date stays: null would hide how fresh the data is
    }

    version: int | None = None
    reason: CleanText = Field(default="", max_length=500)  # why a route/phase/ladder changed
    name: CleanText | None = Field(default=None, min_length=1, max_length=200)
    contact: CleanText | None = Field(default=None, max_length=300)
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    birth_date: date | None = None
    postcode: Postcode | None = None
    newcomer: bool | None = None
    route: Route | None = None
    snel_months: SnelMonths | None = None
    phase: ResidentPhase | None = None
    ladder_now: int | None = Field(default=None, ge=1, le=6)
    ladder_target: int | None = Field(default=None, ge=1, le=6)
    doelgroepregister: bool | None = None
    beschut_advies: bool | None = None
    wmo_dagbesteding: bool | None = None
    ontheffing_until: date | None = None
    wants_to_participate: bool | None = None
    hours_available: int | None = Field(default=None, ge=0, le=60)
    max_travel_km: int | None = Field(default=None, ge=0, le=300)
    driving_licence: bool | None = None
    language_level: LanguageLevel | None = None
    physical_capacity: PhysicalLoad | None = None
    needs: list[Support] | None = None
    wished_occupations: list[str] | None = None
    wished_sectors: list[str] | None = None
    talents: CleanText | None = Field(default=None, max_length=5000)
    email: OptionalEmail | None = Field(default=None, max_length=254)
    last_contact_on: date | None = None
    availability_confirmed_on: date | None = None  # the resident confirmed hours and wishes
    placement_id: int | None = None
    abc: AbcLevel | None = None  # a new measurement of today when it differs from the latest

    @model_validator(mode="after")
    def _birth_year_from_date(self) -> ResidentUpdate:
        _check_birth_date(self.birth_date)
        _not_in_future(self.availability_confirmed_on)
        if self.birth_date is not None:
            self.birth_year = self.birth_date.year
        elif "birth_year" in self.model_fields_set and self.birth_year is None:
            raise PydanticCustomError("birth_year", "Vul het geboortejaar in.")
        return self


def _check_birth_date(value: date | None) -> None:
    if value is not None and not date(1900, 1, 1) <= value <= date.today():
        raise PydanticCustomError("birth_date", "Vul een geboortedatum in die niet in de toekomst ligt.")


class AbcMeasurementCreate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    level: AbcLevel = Field(sa_type=String(2))
    measured_on: date


class AbcMeasurement(AbcMeasurementCreate, table=True):
    __tablename__ = "abc_measurement"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class ResidentEvent(SQLModel, table=True):
    """One step on the timeline: a switch of route, phase, ladder, placement or consultant."""

    __tablename__ = "resident_event"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    kind: str = Field(max_length=20)
    old_value: str = Field(default="", max_length=200)
    new_value: str = Field(default="", max_length=200)
    reason: str = Field(default="", max_length=500)
    on_date: date
    author_id: int | None = Field(default=None, foreign_key="user_account.id")
    at: datetime = Field(default_factory=utcnow)


class ResidentShare(SQLModel, table=True):
    """A resident shared with a second consultant (e.g. during a hand-over or absence)."""

    __tablename__ = "resident_share"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    consultant_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class AccessLog(SQLModel, table=True):
    """Who viewed or changed which resident record, and when (AVG accountability)."""

    __tablename__ = "access_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    resident_id: int | None = Field(default=None, index=True)  # no FK: survives erasure
    action: str = Field(max_length=20)
    detail: str = Field(default="", max_length=300)
    # Every resident a list, page, export or API answer showed, as ",12,15,33," (searchable with LIKE).
    resident_ids: str = Field(default="", sa_type=Text)
