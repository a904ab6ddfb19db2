"""Proposals (voorstellen): one resident brought to one placement, from match to place and beyond.

The state table (who may move a proposal from which status to which) lives in
`carrousel/proposals/`; these are only the tables. DOMAIN.md: *The carousel: from match to
place and back*; CONTRACT.md: *Proposals*.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from .base import Versioned, utcnow

ProposalStatus = Literal["proposed", "consented", "introduced", "started", "ended", "declined", "withdrawn"]
PROPOSAL_STATUSES: tuple[str, ...] = ProposalStatus.__args__
# Open: the pair is still in play (a second proposal for the same pair is refused).
OPEN_STATUSES = ("proposed", "consented", "introduced", "started")
# Awaiting an answer: counted against the per-placement limit, so no employer is flooded.
AWAITING_STATUSES = ("proposed", "consented", "introduced")
Outcome = Literal["hired", "completed", "switched", "stopped"]
OUTCOMES: tuple[str, ...] = Outcome.__args__
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
