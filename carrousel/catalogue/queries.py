"""Reads of the catalogue: the places a visitor may see, one place, the organisation's inbox."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from matching.vocabulary import CATALOGUE_TYPES

from ..auth.account import Account
from ..models import InterestMessage, Organisation, Placement
from ..placements.capacity import occupied_by_placement as occupied_places  # one definition of an occupied place
from .search import Row


def _listed(today: date):  # type: ignore[no-untyped-def]
    """Open, of an approved organisation, an unpaid type for residents to browse, not expired."""
    return (
        select(Placement, Organisation)
        .join(Organisation, Organisation.id == Placement.organisation_id)  # type: ignore[arg-type]
        .where(
            Placement.status == "open",
            Organisation.status == "approved",
            col(Placement.type).in_(CATALOGUE_TYPES),
            or_(col(Placement.end_date).is_(None), col(Placement.end_date) >= today),
        )
    )


def free_places(session: Session, placement: Placement) -> int:
    return placement.capacity - occupied_places(session).get(placement.id or 0, 0)


def catalogue_rows(session: Session, *, sector: str, hours: int | None, today: date) -> list[Row]:
    """The places a visitor sees: only those with a free place (DOMAIN.md rule 1), by title."""
    query = _listed(today)
    if sector:
        query = query.where(Organisation.sector == sector)
    if hours is not None:
        query = query.where(Placement.min_hours <= hours)
    rows = session.exec(query.order_by(Placement.title, col(Placement.id))).all()
    occupied = occupied_places(session)
    return [(p, org) for p, org in rows if p.capacity - occupied.get(p.id or 0, 0) > 0]


def catalogue_place(session: Session, placement_id: int, today: date) -> tuple[Row, int] | None:
    """One place as the catalogue shows it, with its free places; None when it is not listed."""
    row = session.exec(_listed(today).where(Placement.id == placement_id)).first()
    if row is None:
        return None
    free = free_places(session, row[0])
    return ((row[0], row[1]), free) if free > 0 else None


def catalogue_sectors(session: Session) -> list[str]:
    names = session.exec(select(Organisation.sector).where(Organisation.status == "approved")).all()
    return sorted({name for name in names if name})


def interest_inbox(session: Session, account: Account) -> list[tuple[InterestMessage, Placement]]:
    """The interest messages for the account's own organisation, newest first."""
    query = (
        select(InterestMessage, Placement)
        .join(Placement, Placement.id == InterestMessage.placement_id)  # type: ignore[arg-type]
        .where(InterestMessage.organisation_id == account.organisation_id)
        .order_by(InterestMessage.created_at.desc(), InterestMessage.id.desc())  # type: ignore[attr-defined, union-attr]
    )
    return [(message, placement) for message, placement in session.exec(query).all()]


def interest_count(session: Session, account: Account) -> int:
    if account.organisation_id is None:
        return 0
    return session.exec(
        select(func.count())
        .select_from(InterestMessage)
        .where(InterestMessage.organisation_id == account.organisation_id)
    ).one()
