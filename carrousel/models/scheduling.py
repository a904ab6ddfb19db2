"""The carousel's clock: job runs, reminders, goal snapshots, settings changed in the pages.

DOMAIN.md *Time in the carousel* and *The carousel's goals*; CONTRACT.md *Scheduled work and
reminders*. The job table and the reminder rules live in `carrousel/jobs/` and
`carrousel/reminders/`; these are only the tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import JSON, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import utcnow

JobStatus = Literal["running", "done", "failed"]
ReminderStatus = Literal["open", "done"]
# none: no SMTP configured when it was made; pending: to send (again); sent.
MailState = Literal["none", "pending", "sent"]
ActivityKind = Literal["vrijwilligerswerk", "mantelzorg", "sociale_activiteit"]
ACTIVITY_LABELS = {
    "vrijwilligerswerk": "Vrijwilligerswerk",
    "mantelzorg": "Mantelzorg",
    "sociale_activiteit": "Sociale activiteit",
}


class JobRun(SQLModel, table=True):
    """One job for one day. The row is inserted first: it is the claim, so nothing runs twice."""

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "day", name="uq_job_run_job_day"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=40)
    day: date
    status: JobStatus = Field(default="running", sa_type=String(8))
    attempts: int = Field(default=1)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    error: str = Field(default="", max_length=2000)
    summary: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class Reminder(SQLModel, table=True):
    """Something a consultant or adviser must do, by a date; made once per kind, subject and due day."""

    id: int | None = Field(default=None, primary_key=True)
    # kind:subject:due day:user, so a second run (or a second scheduler) makes nothing twice.
    key: str = Field(max_length=120, unique=True)
    kind: str = Field(max_length=24, index=True)
    due_on: date = Field(index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    resident_id: int | None = Field(default=None, foreign_key="resident.id", index=True)
    placement_id: int | None = Field(default=None, foreign_key="placement.id")
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    text: str = Field(max_length=300)
    status: ReminderStatus = Field(default="open", sa_type=String(8), index=True)
    created_on: date
    done_at: datetime | None = None
    # None when the underlying fact resolved it (the daily job closed it).
    done_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    mail_state: MailState = Field(default="none", sa_type=String(8))
    mail_attempts: int = Field(default=0)
    mail_error: str = Field(default="", max_length=300)


class GoalSnapshot(SQLModel, table=True):
    """The goals as they stood on one day, so a dated target is judged on its own date."""

    __tablename__ = "goal_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    employers: int
    locations: int
    residents: int  # not erased
    participating: int
    classified: int
    ontheffing: int
    participation_share: float
    classified_share: float
    ontheffing_share: float
    outflow_year_to_date: int = 0  # cases closed from 1 January up to this day
    taken_at: datetime = Field(default_factory=utcnow)


class ResidentActivity(SQLModel, table=True):
    """A self-arranged activity (vrijwilligerswerk, mantelzorg, sociale activiteit): participation too."""

    __tablename__ = "resident_activity"

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    kind: ActivityKind = Field(sa_type=String(20))
    description: str = Field(default="", max_length=300)
    starts_on: date
    ends_on: date | None = None
    author_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow)


class AppSetting(SQLModel, table=True):
    """A setting an admin changed in the pages; the configuration file gives the default."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=80)
    value: Any = Field(sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class SettingChange(SQLModel, table=True):
    """Who changed which setting from what to what, and when."""

    __tablename__ = "setting_change"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, index=True)
    old_value: Any = Field(default=None, sa_type=JSON, nullable=True)
    new_value: Any = Field(default=None, sa_type=JSON, nullable=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id")
    at: datetime = Field(default_factory=utcnow, index=True)
