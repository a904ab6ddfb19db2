"""Reads on placements: filtered lists for each role, JSON shapes."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_
from sqlmodel import Session, select

from matching.vocabulary import PlacementPhase, PlacementStatus, PlacementType, Route

from ..auth.account import Account
from ..guards import is_organisation_user
from ..models import Organisation, Placement
from ..parsing import LIKE_ESCAPE, contains_pattern


class PlacementFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: PlacementType | None = None
    route: Route | None = None
    phase: PlacementPhase | None = None
    status: PlacementStatus | None = None
    organisation_id: int | None = None
    q: str | None = Field(default=None, max_length=100)
    sort: str = Field(default="newest", pattern="^(newest|title|end_date)$")
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


def placement_json(placement: Placement, organisation_name: str | None = None) -> dict[str, Any]:
    data = placement.model_dump(mode="json")
    data["organisation_name"] = organisation_name
    data["expired"] = is_expired(placement)
    return data


def is_expired(placement: Placement) -> bool:
    return placement.end_date is not None and placement.end_date < date.today()


def visible_placements(actor: Account) -> Any:
    """The placements a role may see: organisations their own, consultants all but drafts."""
    query = select(Placement, Organisation.name).join(Organisation, Organisation.id == Placement.organisation_id)  # type: ignore[arg-type]
    if is_organisation_user(actor):
        query = query.where(Placement.organisation_id == actor.organisation_id)
    elif actor.role == "consultant":
        query = query.where(Placement.status != "draft")
    return query


def list_placements(
    session: Session, actor: Account, filters: PlacementFilter
) -> tuple[list[tuple[Placement, str]], int]:
    query = visible_placements(actor)
    for name in ("type", "phase", "status", "organisation_id"):
        value = getattr(filters, name)
        if value is not None:
            query = query.where(getattr(Placement, name) == value)
    if filters.q:
        like = contains_pattern(filters.q)
        query = query.where(
            or_(
                func.lower(Placement.title).like(like, escape=LIKE_ESCAPE),
                func.lower(Placement.description).like(like, escape=LIKE_ESCAPE),
                func.lower(Placement.occupation).like(like, escape=LIKE_ESCAPE),
            )
        )
    rows = session.exec(query).all() if filters.route else None
    if filters.route:
        # routes is a JSON list: filtered here so SQLite and PostgreSQL behave the same.
        matching = [row for row in rows or [] if filters.route in row[0].routes]
        matching.sort(key=_sort_key(filters.sort))
        return matching[filters.offset : filters.offset + filters.limit], len(matching)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    order = {
        "newest": Placement.created_at.desc(),
        "title": Placement.title,  # type: ignore[attr-defined]
        "end_date": Placement.end_date,
    }[filters.sort]
    page = session.exec(query.order_by(order, Placement.id).offset(filters.offset).limit(filters.limit)).all()
    return [(p, name) for p, name in page], total


def _sort_key(sort: str) -> Any:
    if sort == "title":
        return lambda row: row[0].title.lower()
    if sort == "end_date":
        return lambda row: (row[0].end_date is None, row[0].end_date or date.max)
    return lambda row: (-row[0].created_at.timestamp(), row[0].id)
