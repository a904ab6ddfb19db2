"""Proposals (voorstellen): one resident brought to one placement, from match to place and beyond.

The state table (who may move a proposal from which status to which, and what each step does)
lives in `carrousel/proposals/states.py`; here are the tables and the request bodies that the
pages and the API both validate and the use cases take. DOMAIN.md: *The carousel: from match to
place and back*; CONTRACT.md: *Proposals*.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from pydantic import Field as BodyField
from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from .base import Versioned, utcnow
from .consent import ConsentBody

ProposalStatus = Literal["proposed", "consented", "introduced", "started", "ended", "declined", "withdrawn"]
PROPOSAL_STATUSES: tuple[str, ...] = get_args(ProposalStatus)
# Open: the pair is still in play (a second proposal for the same pair is refused).
OPEN_STATUSES = ("proposed", "consented", "introduced", "started")
# Awaiting an answer: counted against the per-placement limit, so no employer is flooded.
AWAITING_STATUSES = ("proposed", "consented", "introduced")
Outcome = Literal["hired", "completed", "switched", "stopped"]
OUTCOMES: tuple[str, ...] = get_args(Outcome)
IntroductionKind = Literal["kennismaking", "driegesprek"]


class Proposal(Versioned, SQLModel, table=True):
    __table_args__ = (Index("ix_proposal_pair", "resident_id", "placement_id"),)

    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    # The placement's organisation, kept on the row: the inbox and the adviser's filters ask by it.
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    consultant_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    status: ProposalStatus = Field(default="proposed", sa_type=String(12), index=True)
    motivation: str = Field(default="", max_length=2000)
    # The match at creation, so the municipality can see what the ranking is worth.
    score: float | None = None
    rank: int | None = None
    introduction_kind: IntroductionKind | None = Field(default=None, sa_type=String(12))
    introduced_on: date | None = None
    started_on: date | None = None
    # The planned end of this resident's place: the type's time limit from the start, or earlier.
    end_date: date | None = None
    ended_on: date | None = None
    outcome: Outcome | None = Field(default=None, sa_type=String(12))
    reason: str = Field(default="", max_length=1000)  # why declined, withdrawn or ended
    # When the organisation first answered (introduced or declined): the adviser's median.
    answered_at: datetime | None = None
    # Since when the proposal waits on the organisation (consented): the 10-working-day term.
    waiting_since: date | None = None
    # Simpel Switchen: the started proposal this one replaces; it ends as `switched` when this one starts.
    switch_of_id: int | None = Field(default=None, foreign_key="proposal.id")
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class ProposalEvent(SQLModel, table=True):
    """One step of a proposal's history: a transition, or a nazorg note (status 'nazorg')."""

    __tablename__ = "proposal_event"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    status: str = Field(max_length=12)
    on_date: date
    role: str = Field(default="", max_length=20)
    author_id: int | None = Field(default=None, foreign_key="user_account.id")
    reason: str = Field(default="", max_length=1000)
    at: datetime = Field(default_factory=utcnow)


# -- request bodies: what a page's form or an API call asks of a proposal ----------------------


class ProposalCreate(BaseModel):
    """Propose a resident for a placement (POST /proposals, the 'Voorstellen' form)."""

    model_config = ConfigDict(extra="forbid")

    resident_id: int
    placement_id: int
    motivation: str = BodyField(default="", max_length=2000)


class ProposalStep(BaseModel):
    """One step of the state table (POST /proposals/{id}/transition, the proposal page's buttons)."""

    model_config = ConfigDict(extra="forbid")

    to: ProposalStatus
    on: date | None = None
    reason: str = BodyField(default="", max_length=1000)
    outcome: Outcome | None = None
    kind: IntroductionKind | None = None  # introduced: kennismaking (default) or driegesprek
    end_date: date | None = None  # started: earlier than the type's time limit
    consent: ConsentBody | None = None  # consented: how it was given and what the organisation may see
    version: int | None = None


class ProposalSwitch(BaseModel):
    """Simpel Switchen to another placement (POST /proposals/{id}/switch, the 'Wisselen' page): a new
    proposal from `consented` on; the old place ends when the new one starts."""

    model_config = ConfigDict(extra="forbid")

    placement_id: int
    motivation: str = BodyField(default="", max_length=2000)
    consent: ConsentBody  # the resident agreed to the new place: recorded like any consent
    on: date | None = None
    version: int | None = None


class ProposalExtend(BaseModel):
    """A dated extension of the resident's place (POST /proposals/{id}/extend)."""

    model_config = ConfigDict(extra="forbid")

    until: date
    reason: str = BodyField(default="", max_length=1000)
    version: int | None = None


class ProposalNote(BaseModel):
    """A nazorg note (POST /proposals/{id}/notes, the nazorg form)."""

    model_config = ConfigDict(extra="forbid")

    note: str = BodyField(max_length=1000)
    on: date | None = None
