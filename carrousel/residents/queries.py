"""Reads on the caseload: filters, sorting, paging, JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from flask import current_app
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from matching.freshness import stale_cutoff
from matching.vocabulary import PAID_TYPES, AbcLevel, ResidentPhase, Route

from ..auth.account import Account
from ..models import Placement, Proposal, Resident
from ..parsing import LIKE_ESCAPE, contains_pattern
from ..terms import Terms
from .operations import caseload_filter

HIDDEN = {"erased_at"}


class CaseloadFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(default=None, max_length=100)
    route: Route | None = None
    phase: ResidentPhase | None = None
    abc: AbcLevel | Literal["none"] | None = None
    deadline: Literal["30"] | None = None
    ontheffing: Literal["ending"] | None = None
    contact: Literal["none_this_year"] | None = None
    case: Literal["open", "closed"] | None = None
    confirmed: Literal["stale"] | None = None  # hours and wishes unconfirmed for too long
    sort: str = Field(default="name", pattern="^(name|code|deadline|abc|updated)$")
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


def resident_json(
    resident: Resident,
    terms: Terms,
    session: Session | None = None,
    places: dict[int, list[Place]] | None = None,
) -> dict[str, Any]:
    """A resident as the API shows it: the snel choice as its months under the terms in force, and
    its running places (`placements`)."""
    data = resident.model_dump(mode="json", exclude=HIDDEN | {"snel_extended"})
    data["snel_months"] = terms.snel_term(resident.snel_extended) if resident.route == "snel" else None
    data["deadline"] = data.pop("route_deadline")
    if places is None and session is not None:
        places = places_of(session, [resident.id])
    if places is not None:
        data["placements"] = [place.as_json() for place in places.get(resident.id, [])]  # type: ignore[arg-type]
    return data


@dataclass(frozen=True)
class Place:
    """One of the resident's running places: a started proposal (one paid, one unpaid at most)."""

    proposal_id: int
    placement_id: int
    title: str
    type: str
    started_on: date | None
    end_on: date | None

    @property
    def paid(self) -> bool:
        return self.type in PAID_TYPES

    def as_json(self) -> dict[str, Any]:
        return {
            "proposal_id": self.proposal_id,
            "placement_id": self.placement_id,
            "title": self.title,
            "type": self.type,
            "paid": self.paid,
            "started_on": self.started_on.isoformat() if self.started_on else None,
            "end_on": self.end_on.isoformat() if self.end_on else None,
        }


def places_of(session: Session, resident_ids: list[int | None]) -> dict[int, list[Place]]:
    """The running places of these residents, by resident."""
    rows = session.exec(
        select(Proposal, Placement)
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .where(Proposal.resident_id.in_(resident_ids), Proposal.status == "started")  # type: ignore[attr-defined]
        .order_by(Proposal.started_on, Proposal.id)  # type: ignore[arg-type]
    ).all()
    places: dict[int, list[Place]] = {}
    for p, pl in rows:
        places.setdefault(p.resident_id, []).append(
            Place(p.id, pl.id, pl.title, pl.type, p.started_on, p.end_date)  # type: ignore[arg-type]
        )
    return places


def list_caseload(
    session: Session, actor: Account, filters: CaseloadFilter, today: date | None = None
) -> tuple[list[Resident], int]:
    today = today or date.today()
    query = select(Resident).where(caseload_filter(actor))
    if filters.q:
        like = contains_pattern(filters.q)
        query = query.where(
            or_(
                func.lower(Resident.name).like(like, escape=LIKE_ESCAPE),
                func.lower(Resident.code).like(like, escape=LIKE_ESCAPE),
            )
        )
    if filters.route:
        query = query.where(Resident.route == filters.route)
    if filters.phase:
        query = query.where(Resident.phase == filters.phase)
    if filters.abc == "none":
        query = query.where(Resident.abc.is_(None))  # type: ignore[union-attr]
    elif filters.abc:
        query = query.where(Resident.abc == filters.abc)
    if filters.deadline:
        query = query.where(Resident.route_deadline <= today + timedelta(days=30))  # type: ignore[operator]
    if filters.ontheffing:
        query = query.where(
            col(Resident.ontheffing_until) >= today,
            col(Resident.ontheffing_until) <= today + timedelta(days=30),
        )
    if filters.case:
        query = query.where(Resident.case_status == filters.case)
    if filters.deadline or filters.ontheffing or filters.contact:
        # What needs doing: a closed case is out of these lists and the home page's counts.
        query = query.where(Resident.case_status == "open")
    if filters.contact:
        query = query.where(
            or_(
                col(Resident.last_contact_on).is_(None),
                col(Resident.last_contact_on) < date(today.year, 1, 1),
            )
        )
    if filters.confirmed:
        months = int(current_app.config["CARROUSEL"]["matching"]["stale_after_months"])
        query = query.where(col(Resident.availability_confirmed_on) < stale_cutoff(today, months))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    order = {
        "name": col(Resident.name),
        "code": col(Resident.code),
        "deadline": col(Resident.route_deadline),
        "abc": col(Resident.abc),
        "updated": col(Resident.updated_at).desc(),
    }[filters.sort]
    rows = session.exec(query.order_by(order, col(Resident.id)).offset(filters.offset).limit(filters.limit)).all()
    return list(rows), total
