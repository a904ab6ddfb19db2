"""The matching index of this process, kept current from the database.

The index is built before a worker takes traffic: `carrousel serve` builds it once in the
master and gunicorn forks the workers from there (`preload_app`), so they share it
copy-on-write. A process that starts without one builds it in a background thread; a
request that arrives meanwhile waits a moment and otherwise gets 503 with Retry-After
(never a build inside a request). Before a ranking the index re-reads only the rows stamped
since its last look (updated_at), so a change made through any worker is seen without a
rebuild; new words and new occupations join the index as they come. A new kansrijke-beroepen
list (the reference free text is normalised against) is the one thing that needs a new
index: it is built in the background while the old one keeps serving.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import String, cast, func, select
from sqlmodel import Session, col

from matching.engine import MatchingIndex
from matching.profiles import PlacementProfile, ResidentProfile, Weights

from ..db import engine_of, transaction_began_at
from ..geo import Centroids, centroids
from ..models import Occupation, Organisation, Placement, Resident, utcnow
from ..occupations import occupation_list
from ..placements.capacity import occupied_by_placement
from .bridge import placement_profile, resident_profile

# A row stamped just before our last look but committed just after it is still seen next time.
OVERLAP = timedelta(seconds=5)
RETRY_AFTER_SECONDS = 5
BATCH = 2000  # rows fetched at a time while building: 100,000 rows never sit in memory at once
JSON_LISTS = ("needs", "wished_occupations", "wished_sectors")
RESIDENT_COLUMNS = (
    "id",
    "availability_confirmed_on",
    "version",
    "erased_at",
    "case_status",
    "employed_since",
    "postcode",
    "route",
    "phase",
    "abc",
    "birth_year",
    "birth_date",
    "doelgroepregister",
    "beschut_advies",
    "ontheffing_until",
    "wants_to_participate",
    "hours_available",
    "max_travel_km",
    "driving_licence",
    "language_level",
    "physical_capacity",
    "needs",
    "wished_occupations",
    "wished_sectors",
    "talents",
)


class IndexNotReady(Exception):
    """The index is still being built: answered 503 with Retry-After."""


@dataclass
class Built:
    index: MatchingIndex
    resident_versions: dict[int, int]
    placements: dict[int, PlacementProfile]
    started: datetime
    occupations: tuple[Any, ...]  # the signature of the list it normalises against


class IndexHolder:
    def __init__(self) -> None:
        self.index: MatchingIndex | None = None
        self.synced_at = datetime(2000, 1, 1, tzinfo=UTC)
        self.resident_versions: dict[int, int] = {}
        self.placements: dict[int, PlacementProfile] = {}
        self.occupations: tuple[Any, ...] = ()
        self.lock = threading.Lock()
        self.builder: threading.Thread | None = None
        self.finished: Built | BaseException | None = None

    def install(self, built: Built) -> None:
        self.index, self.resident_versions, self.placements = built.index, built.resident_versions, built.placements
        self.synced_at, self.occupations = built.started, built.occupations

    def start_build(self, app: Flask) -> threading.Thread:
        """Build a new index in a thread of its own (once at a time); the caller keeps serving."""
        if self.builder is None:
            real: Flask = getattr(app, "_get_current_object", lambda: app)()  # not current_app's proxy

            def run() -> None:
                try:
                    self.finished = build_index(real)
                except BaseException as exc:  # handed to the next request, which reports it
                    self.finished = exc

            self.builder = threading.Thread(target=run, name="matching-index", daemon=True)
            self.builder.start()
        return self.builder

    def take_finished(self) -> None:
        finished, self.finished = self.finished, None
        if finished is None:
            return
        self.builder = None
        if isinstance(finished, BaseException):
            raise finished
        self.install(finished)

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
            select(col(Organisation.id)).where(col(Organisation.updated_at) >= since)
        ).scalars()
        for placement in _placements(session, areas, since=since, organisations=list(organisations)):
            if self.placements.get(placement.id) != placement:
                index.upsert_placement(placement)
                self.placements[placement.id] = placement


def build_index(app: Flask) -> Built:
    """A complete index from the database, in a read-only session of its own (a command, a thread)."""
    engine = engine_of(app).execution_options(carrousel_read_only=True)
    with app.app_context(), Session(engine) as session:
        started = utcnow()
        areas = centroids(app)
        reference = occupation_list(session)
        residents = list(_residents(session, areas))
        placements = {p.id: p for p in _placements(session, areas)}
        index = MatchingIndex(
            [profile for profile, _ in residents if not isinstance(profile, int)],
            list(placements.values()),
            occupations=[entry.name for entry in reference.entries],
            aliases=reference.aliases,
        )
        versions = {profile.id: version for profile, version in residents if not isinstance(profile, int)}
        return Built(index, versions, placements, started, _occupations_signature(session))


def warm_index(app: Flask) -> MatchingIndex:
    """Build this process's index now, before it takes traffic (`carrousel serve`, a preloading server)."""
    holder = _holder(app)
    built = build_index(app)
    _first_rankings(built)
    with holder.lock:
        holder.install(built)
        # One look for changes now: its statements are compiled once here, not in a first request.
        with app.app_context(), Session(engine_of(app).execution_options(carrousel_read_only=True)) as session:
            holder.sync(session, centroids(app), holder.synced_at - OVERLAP)
    return built.index


def _first_rankings(built: Built) -> None:
    """One ranking each way before traffic: the first request then costs what later ones do."""
    today, weights = date.today(), Weights()
    if built.placements:
        built.index.rank_candidates(next(iter(built.placements)), weights=weights, today=today)
    if built.resident_versions:
        built.index.rank_placements(next(iter(built.resident_versions)), weights=weights, today=today)


def current_index(app: Flask, session: Session) -> MatchingIndex:
    """The index, brought up to date with the database first.

    Without one yet, a build starts in the background; the request waits for it at most
    `matching.ready_wait_seconds` and is otherwise answered 503 with Retry-After."""
    holder = _holder(app)
    with holder.lock:
        builder = holder.start_build(app) if holder.index is None else None
    if builder is not None:
        builder.join(timeout=float(app.config["CARROUSEL"]["matching"]["ready_wait_seconds"]))
    with holder.lock:
        holder.take_finished()
        index = holder.index
        if index is None:
            raise IndexNotReady()
        if _occupations_signature(session) != holder.occupations:
            holder.start_build(app)  # a new kansrijke-beroepen list: a new index, built aside
        started = utcnow()
        # This session sees its own uncommitted rows, which no other connection (the build's
        # included) saw: a command that seeds or imports and then ranks in one transaction
        # finds them by looking back to its transaction's start, however long ago that was.
        since = min(holder.synced_at, transaction_began_at(session)) - OVERLAP
        holder.sync(session, centroids(app), since)
        holder.synced_at = started
        return index


def _holder(app: Flask) -> IndexHolder:
    holder: IndexHolder = app.extensions.setdefault("carrousel.matching", IndexHolder())
    return holder


def _occupations_signature(session: Session) -> tuple[Any, ...]:
    return tuple(session.execute(select(func.count(), func.max(Occupation.id))).one())


def _residents(
    session: Session, areas: Centroids, since: datetime | None = None, with_erased: bool = False
) -> Iterator[tuple[Any, int]]:
    """(profile, version) per resident; (id, version) for one in no ranking (erased, closed, hired)."""
    table = Resident.__table__  # type: ignore[attr-defined]
    # No name, contact or code: not needed. The lists come as their JSON text, decoded once per
    # distinct text by the bridge instead of once per row by the driver.
    query = select(
        *(cast(table.c[name], String).label(name) if name in JSON_LISTS else table.c[name] for name in RESIDENT_COLUMNS)
    )
    if since is not None:
        query = query.where(table.c.updated_at >= since)
    if not with_erased:
        query = query.where(table.c.erased_at.is_(None))
    for row in session.execute(query, execution_options={"yield_per": BATCH}):
        profile: ResidentProfile | int = row.id if out_of_ranking(row) else resident_profile(row, areas)
        yield profile, row.version


def out_of_ranking(row: Any) -> bool:
    """Erased, a closed case, or at work in nazorg after a hire (CONTRACT.md *The case over time*)."""
    return (
        row.erased_at is not None
        or row.case_status == "closed"
        or (row.employed_since is not None and row.phase == "nazorg")
    )


def _placements(
    session: Session, areas: Centroids, since: datetime | None = None, organisations: Iterable[int] = ()
) -> Iterable[PlacementProfile]:
    table = Placement.__table__  # type: ignore[attr-defined]
    query = select(
        table, col(Organisation.status).label("org_status"), col(Organisation.sector).label("org_sector")
    ).join(
        Organisation.__table__,  # type: ignore[attr-defined]
        Organisation.id == table.c.organisation_id,
    )
    if since is not None:
        query = query.where((table.c.updated_at >= since) | table.c.organisation_id.in_(list(organisations)))
    occupied = occupied_by_placement(session)
    for row in session.execute(query, execution_options={"yield_per": BATCH}):
        # The placement's own sector (it starts as the organisation's): a bike workshop at a welfare location.
        yield placement_profile(row, row.org_status, row.sector or row.org_sector, occupied.get(row.id, 0), areas)
