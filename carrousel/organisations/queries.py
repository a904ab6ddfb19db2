"""Reads on organisations: lists with filters and paging, JSON shapes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import UnaryExpression, func, or_
from sqlmodel import Session, col, select

from ..models import Organisation, User
from ..models.organisations import OrganisationKind, OrganisationStatus
from ..parsing import LIKE_ESCAPE, contains_pattern

PUBLIC_FIELDS = (
    "id",
    "kind",
    "name",
    "postcode",
    "sector",
    "contact_email",
    "status",
    "status_reason",
    "created_by_id",
    "approved_at",
    "created_at",
    "version",
)


class OrganisationFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: OrganisationKind | None = None
    status: OrganisationStatus | None = None
    q: str | None = Field(default=None, max_length=100)
    sort: str = Field(default="name", pattern="^(name|created|status)$")
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


def organisation_json(organisation: Organisation) -> dict[str, Any]:
    return organisation.model_dump(mode="json", include=set(PUBLIC_FIELDS))


def list_organisations(session: Session, filters: OrganisationFilter) -> tuple[list[Organisation], int]:
    query = select(Organisation)
    if filters.kind:
        query = query.where(Organisation.kind == filters.kind)
    if filters.status:
        query = query.where(Organisation.status == filters.status)
    if filters.q:
        like = contains_pattern(filters.q)
        query = query.where(
            or_(
                func.lower(Organisation.name).like(like, escape=LIKE_ESCAPE),
                func.lower(Organisation.sector).like(like, escape=LIKE_ESCAPE),
            )
        )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    orders: dict[str, UnaryExpression[Any]] = {
        "name": col(Organisation.name).asc(),
        "created": col(Organisation.created_at).desc(),
        "status": col(Organisation.status).asc(),
    }
    order = orders[filters.sort]
    rows = session.exec(query.order_by(order, col(Organisation.id)).offset(filters.offset).limit(filters.limit)).all()
    return list(rows), total


def registrants(session: Session, organisation: Organisation) -> list[User]:
    """Who signed the organisation up: its first account(s), or the adviser who created it."""
    if organisation.created_by_id is not None:
        creator = session.get(User, organisation.created_by_id)
        return [creator] if creator else []
    return list(session.exec(select(User).where(User.organisation_id == organisation.id).order_by(col(User.id))).all())
