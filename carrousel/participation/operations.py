"""Writes: an evaluation, a re-assessment, a self-arranged activity. Services flush only."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Session

from ..auth.account import Account
from ..models import ResidentActivity, ResidentEvent, utcnow
from ..models.scheduling import ActivityKind
from ..residents.operations import get_resident, refresh_deadline
from ..validation import InvalidInput


class EvaluationForm(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    on_date: date
    note: str = Field(default="", max_length=500)


class ReassessmentForm(EvaluationForm):
    # Empty: the ontheffing ends (or there was none); a date: it runs on until then.
    ontheffing_until: date | None = None


class ActivityForm(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: ActivityKind
    description: str = Field(default="", max_length=300)
    starts_on: date
    ends_on: date | None = None

    @model_validator(mode="after")
    def _range(self) -> ActivityForm:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise PydanticCustomError("ends_on", "De einddatum ligt voor de startdatum.")
        return self


def _future(day: date, field: str) -> None:
    if day > date.today():
        raise InvalidInput({field: "Deze datum ligt in de toekomst; leg vast wat al gebeurd is."})


def record_evaluation(session: Session, *, resident_id: int, data: EvaluationForm, actor: Account) -> ResidentEvent:
    """The yearly meedoen evaluation: the next one falls a term after this date."""
    _future(data.on_date, "on_date")
    resident = get_resident(session, resident_id, actor, action="evaluatie")
    event = ResidentEvent(
        resident_id=resident.id,  # type: ignore[arg-type]
        kind="evaluatie",
        new_value=data.on_date.isoformat(),
        reason=data.note,
        on_date=data.on_date,
        author_id=actor.id,
    )
    session.add(event)
    session.flush()
    refresh_deadline(session, resident)  # meedoen: the caseload's deadline moves with the evaluation
    return event


def record_reassessment(session: Session, *, resident_id: int, data: ReassessmentForm, actor: Account) -> ResidentEvent:
    """An ontheffing re-assessed on a date, with its new end date (or none: it ends)."""
    _future(data.on_date, "on_date")
    resident = get_resident(session, resident_id, actor, action="herbeoordeling")
    old = resident.ontheffing_until
    event = ResidentEvent(
        resident_id=resident.id,  # type: ignore[arg-type]
        kind="herbeoordeling",
        old_value=old.isoformat() if old else "",
        new_value=data.ontheffing_until.isoformat() if data.ontheffing_until else "",
        reason=data.note,
        on_date=data.on_date,
        author_id=actor.id,
    )
    session.add(event)
    resident.ontheffing_until = data.ontheffing_until
    resident.updated_at = utcnow()
    session.flush()
    return event


def record_activity(session: Session, *, resident_id: int, data: ActivityForm, actor: Account) -> ResidentActivity:
    """A self-arranged activity (vrijwilligerswerk, mantelzorg, sociale activiteit)."""
    resident = get_resident(session, resident_id, actor, action="activiteit")
    activity = ResidentActivity(resident_id=resident.id, author_id=actor.id, **data.model_dump())  # type: ignore[arg-type]
    session.add(activity)
    session.add(
        ResidentEvent(
            resident_id=resident.id,  # type: ignore[arg-type]
            kind="activiteit",
            new_value=data.kind,
            reason=data.description,
            on_date=data.starts_on,
            author_id=actor.id,
        )
    )
    session.flush()
    return activity
