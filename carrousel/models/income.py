"""Benefit counselling: the parameter table per period and the scenarios recorded on a case.

The arithmetic is `carrousel/income/arithmetic.py`; these are only the tables. Amounts are kept
as decimal text ("1345.45") so that no float ever touches money and SQLite and PostgreSQL
store the same thing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from .base import utcnow


class IncomeParameters(SQLModel, table=True):
    """One period's figures (from 1 January or 1 July), each with its source and a confirmed mark."""

    __tablename__ = "income_parameters"

    id: int | None = Field(default=None, primary_key=True)
    period_start: date = Field(unique=True, index=True)
    figures: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # figure -> decimal text
    sources: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # figure -> publication and date
    unconfirmed: list[str] = Field(default_factory=list, sa_type=JSON)  # figures not confirmed by a source
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class IncomeScenario(SQLModel, table=True):
    """A scenario the consultant went through with the resident; the answer is kept as it was shown."""

    __tablename__ = "income_scenario"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="user_account.id")
    on_date: date = Field(index=True)
    household: str = Field(sa_type=String(16))
    net_monthly_wage: str = Field(max_length=16)  # decimal text, euros
    hours_per_week: str | None = Field(default=None, max_length=16)
    gross_hourly_wage: str | None = Field(default=None, max_length=16)
    period_start: date
    answer: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # the API's answer at the time
    discussed: list[str] = Field(default_factory=list, sa_type=JSON)  # checklist items ticked
    created_at: datetime = Field(default_factory=utcnow)
