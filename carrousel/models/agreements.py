"""The placement agreement (driegesprek made binding) and the evaluation at the end.

DOMAIN.md *The resident takes part*; CONTRACT.md *The resident's own pages*, *Agreement*.
One agreement and at most one evaluation per proposal.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import ConfigDict
from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from .base import CleanText, Versioned, utcnow

Attendance = Literal["good", "mixed", "poor"]
Recommendation = Literal["hire", "extend", "next_step", "stop"]


class AgreementBase(SQLModel):
    tasks: CleanText = Field(min_length=1, max_length=2000, sa_type=Text)
    hours_per_week: int = Field(ge=1, le=40)
    schedule: CleanText = Field(min_length=1, max_length=500)
    supervisor: CleanText = Field(min_length=1, max_length=200)
    start_on: date
    end_on: date | None = None
    support: CleanText = Field(default="", max_length=2000, sa_type=Text)


class AgreementDraft(AgreementBase):
    """What the consultant writes down (POST /proposals/{id}/agreement)."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    version: int | None = None


class PlacementAgreement(Versioned, AgreementBase, table=True):
    __tablename__ = "placement_agreement"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", unique=True, index=True)
    # Who acknowledged, and on which day; a change to the agreement clears the other two.
    consultant_acknowledged_on: date | None = None
    organisation_acknowledged_on: date | None = None
    resident_acknowledged_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)

    @property
    def complete(self) -> bool:
        """Acknowledged by the consultant, the organisation and the resident."""
        return None not in (
            self.consultant_acknowledged_on,
            self.organisation_acknowledged_on,
            self.resident_acknowledged_on,
        )

    def public(self) -> dict[str, Any]:
        """The proposal's `agreement` (CONTRACT.md *Agreement*)."""
        return {
            **self.model_dump(mode="json", include=set(AgreementBase.model_fields)),
            "version": self.version,
            "acknowledged": {
                "consultant": _iso(self.consultant_acknowledged_on),
                "organisation": _iso(self.organisation_acknowledged_on),
                "resident": _iso(self.resident_acknowledged_on),
            },
        }


class EvaluationBase(SQLModel):
    attendance: Attendance = Field(sa_type=String(8))
    skills: CleanText = Field(min_length=1, max_length=2000, sa_type=Text)
    recommendation: Recommendation = Field(sa_type=String(12))
    text: CleanText = Field(default="", max_length=4000, sa_type=Text)


class EvaluationFiling(EvaluationBase):
    """What the organisation files (POST /proposals/{id}/evaluation)."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]


class PlacementEvaluation(EvaluationBase, table=True):
    __tablename__ = "placement_evaluation"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", unique=True, index=True)
    filed_on: date
    filed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    resident_confirmed_on: date | None = None
    resident_comment: str = Field(default="", max_length=2000, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow)

    def public(self) -> dict[str, Any]:
        """The proposal's `evaluation`."""
        return {
            **self.model_dump(mode="json", include=set(EvaluationBase.model_fields)),
            "filed_on": self.filed_on.isoformat(),
            "resident_confirmed_on": _iso(self.resident_confirmed_on),
            "resident_comment": self.resident_comment,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
