"""The matching index of this process, kept current from the database.

Each gunicorn worker holds its own index. Before a ranking it re-reads only the rows
changed since its last look (updated_at), so a change made through any worker is seen
without rebuilding; a full rebuild happens once at start and after many changes (to
refit the text model on the new words).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from sqlmodel import Session

from matching.engine import MatchingIndex
from matching.profiles import PlacementProfile, ResidentProfile

from ..geo import Centroids, centroids
from ..models import Organisation, Placement, Resident, utcnow
from .bridge import placement_profile, resident_profile

# Rows committed a little after they were stamped are still seen on the next look.
OVERLAP = timedelta(seconds=30)
REBUILD_AFTER = 5000


class IndexHolder:
    def __init__(self) -> None:
        self.index: MatchingIndex | None = None
        self.synced_at = datetime(2000, 1, 1, tzinfo=UTC)
        self.lock = threading.Lock()


def current_index(app: Flask, session: Session) -> MatchingIndex:
    """The index, brought up to date with the database first."""
    holder: IndexHolder = app.extensions.setdefault("carrousel.matching", IndexHolder())
    with holder.lock:
        started = utcnow()
        areas = centroids(app)
        if holder.index is None or holder.index.changes > max(REBUILD_AFTER, holder.index.residents.size // 2):
            holder.index = MatchingIndex(list(_residents(session, areas)), list(_placements(session, areas)))
        else:
            _sync(holder.index, session, areas, holder.synced_at - OVERLAP)
        holder.synced_at = started
        return holder.index


def _sync(index: MatchingIndex, session: Session, areas: Centroids, since: datetime) -> None:
    for resident in _residents(session, areas, since=since, with_erased=True):
        if isinstance(resident, int):
            index.remove_resident(resident)
        else:
            index.upsert_resident(resident)
    changed_organisations = (
        session.execute(select(Organisation.id).where(Organisation.updated_at >= since)).scalars().all()
    )  # type: ignore[arg-type]
    for placement in _placements(session, areas, since=since, organisations=changed_organisations):
        index.upsert_placement(placement)


def _residents(
    session: Session, areas: Centroids, since: datetime | None = None, with_erased: bool = False
) -> Iterable[ResidentProfile | int]:
    table = Resident.__table__  # type: ignore[attr-defined]
    query = select(table)
    if since is not None:
        query = query.where(table.c.updated_at >= since)
    if not with_erased:
        query = query.where(table.c.erased_at.is_(None))
    for row in session.execute(query):
        yield row.id if row.erased_at is not None else resident_profile(row, areas)


def _placements(
    session: Session, areas: Centroids, since: datetime | None = None, organisations: Iterable[int] = ()
) -> Iterable[PlacementProfile]:
    table = Placement.__table__  # type: ignore[attr-defined]
    query = select(table, Organisation.status.label("org_status"), Organisation.sector.label("org_sector")).join(  # type: ignore[attr-defined]
        Organisation.__table__, Organisation.id == table.c.organisation_id
    )  # type: ignore[attr-defined]
    if since is not None:
        query = query.where((table.c.updated_at >= since) | table.c.organisation_id.in_(list(organisations)))
    occupied = _occupied(session)
    for row in session.execute(query):
        yield placement_profile(row, row.org_status, row.org_sector, occupied.get(row.id, 0), areas)


def _occupied(session: Session) -> dict[int, int]:
    rows: Any = session.execute(
        select(Resident.placement_id, func.count())
        .where(  # type: ignore[call-overload]
            Resident.placement_id.is_not(None), Resident.erased_at.is_(None)
        )  # type: ignore[union-attr]
        .group_by(Resident.placement_id)
    ).all()
    return {placement_id: count for placement_id, count in rows}
