"""The matching index of this process, kept current from the database.

Each gunicorn worker holds its own index. Before a ranking it re-reads only the rows
stamped since its last look (updated_at), so a change made through any worker is seen
without a rebuild; a full rebuild happens once at start and after many changes (to refit
the text model on new words). Rows the index already holds unchanged are skipped, so a
bulk import does not make every following request re-encode it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
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

# A row stamped just before our last look but committed just after it is still seen next time.
OVERLAP = timedelta(seconds=5)
REBUILD_AFTER = 5000


class IndexHolder:
    def __init__(self) -> None:
        self.index: MatchingIndex | None = None
        self.synced_at = datetime(2000, 1, 1, tzinfo=UTC)
        self.resident_versions: dict[int, int] = {}
        self.placements: dict[int, PlacementProfile] = {}
        self.lock = threading.Lock()

    def rebuild(self, session: Session, areas: Centroids) -> MatchingIndex:
        residents = list(_residents(session, areas))
        self.resident_versions = {profile.id: version for profile, version in residents}
        self.placements = {p.id: p for p in _placements(session, areas)}
        self.index = MatchingIndex([profile for profile, _ in residents], list(self.placements.values()))
        return self.index

    def sync(self, session: Session, areas: Centroids, since: datetime) -> None:
        index = self.index
        assert index is not None
        for profile, version in _residents(session, areas, since=since, with_erased=True):
            if isinstance(profile, int):
                index.remove_resident(profile)
                self.resident_versions.pop(profile, None)
            elif self.resident_versions.get(profile.id) != version:
                index.upsert_resident(profile)
                self.resident_versions[profile.id] = version
        organisations = session.execute(
            select(Organisation.id).where(Organisation.updated_at >= since)  # type: ignore[arg-type]
        ).scalars()
        for placement in _placements(session, areas, since=since, organisations=list(organisations)):
            if self.placements.get(placement.id) != placement:
                index.upsert_placement(placement)
                self.placements[placement.id] = placement


def current_index(app: Flask, session: Session) -> MatchingIndex:
    """The index, brought up to date with the database first."""
    holder: IndexHolder = app.extensions.setdefault("carrousel.matching", IndexHolder())
    with holder.lock:
        started = utcnow()
        areas = centroids(app)
        index = holder.index
        if index is None or index.changes > max(REBUILD_AFTER, index.residents.size // 2):
            index = holder.rebuild(session, areas)
        else:
            holder.sync(session, areas, holder.synced_at - OVERLAP)
        holder.synced_at = started
        return index


def _residents(
    session: Session, areas: Centroids, since: datetime | None = None, with_erased: bool = False
) -> Iterator[tuple[Any, int]]:
    """(profile, version) per resident; (id, version) for an erased one."""
    table = Resident.__table__  # type: ignore[attr-defined]
    query = select(table)
    if since is not None:
        query = query.where(table.c.updated_at >= since)
    if not with_erased:
        query = query.where(table.c.erased_at.is_(None))
    for row in session.execute(query):
        profile: ResidentProfile | int = row.id if row.erased_at is not None else resident_profile(row, areas)
        yield profile, row.version


def _placements(
    session: Session, areas: Centroids, since: datetime | None = None, organisations: Iterable[int] = ()
) -> Iterable[PlacementProfile]:
    table = Placement.__table__  # type: ignore[attr-defined]
    query = select(table, Organisation.status.label("org_status"), Organisation.sector.label("org_sector")).join(  # type: ignore[attr-defined]
        Organisation.__table__,  # type: ignore[attr-defined]
        Organisation.id == table.c.organisation_id,
    )
    if since is not None:
        query = query.where((table.c.updated_at >= since) | table.c.organisation_id.in_(list(organisations)))
    occupied = _occupied(session)
    for row in session.execute(query):
        # The placement's own sector (it starts as the organisation's): a bike workshop at a welfare location.
        yield placement_profile(row, row.org_status, row.sector or row.org_sector, occupied.get(row.id, 0), areas)


def _occupied(session: Session) -> dict[int, int]:
    rows: Any = session.execute(
        select(Resident.placement_id, func.count())  # type: ignore[call-overload]
        .where(Resident.placement_id.is_not(None), Resident.erased_at.is_(None))  # type: ignore[union-attr]
        .group_by(Resident.placement_id)
    ).all()
    return {placement_id: count for placement_id, count in rows}
