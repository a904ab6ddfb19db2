"""Synthetic residents and placements of realistic shape, inserted in bulk, for load and benchmark runs."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import click
from flask import Flask
from sqlalchemy import insert, select, text
from sqlmodel import col

from matching.vocabulary import PLACEMENT_TYPES, SUPPORTS

from ..db import engine_of, unit_of_work
from ..geo import centroids
from ..models import Occupation, Organisation, Placement, Resident, User, utcnow
from ..placements.operations import type_defaults
from ..terms import Terms, route_deadline

BATCH = 5000
WORDS = [
    "werken",
    "handen",
    "buiten",
    "binnen",
    "mensen",
    "helpen",
    "koken",
    "schoonmaken",
    "sorteren",
    "inpakken",
    "techniek",
    "fietsen",
    "dieren",
    "tuin",
    "zorg",
    "klanten",
    "kassa",
    "magazijn",
    "rijden",
    "bouwen",
    "repareren",
    "computer",
    "administratie",
    "rustig",
    "samen",
    "team",
    "zelfstandig",
    "creatief",
    "precies",
    "sociaal",
    "sport",
    "muziek",
]
SECTORS = (
    "Zorg",
    "Horeca",
    "Bouw",
    "Detailhandel",
    "Transport - logistiek",
    "Schoonmaak - reiniging",
    "Landbouw, natuur en milieu",
    "Industrie",
    "Welzijn",
    "Techniek",
)
TYPE_WEIGHTS = (8, 5, 5, 12, 12, 4, 6, 5, 10)  # in the order of PLACEMENT_TYPES


TERMS = Terms()  # the plan's terms: synthetic residents are for load tests, not a municipality's settings


def seed_synthetic(
    app: Flask, *, residents: int, placements: int, random_seed: int, echo: Callable[[str], Any]
) -> None:
    rng = random.Random(random_seed)
    areas = sorted(centroids(app)) or ["6701"]
    with unit_of_work(app) as session:
        occupations = [name for name in session.execute(select(col(Occupation.name))).scalars()] or ["Schoonmakers"]
        consultant = session.execute(select(col(User.id)).where(col(User.role) == "consultant").limit(1)).scalar()
        organisations = _organisations(session, rng, areas, max(1, placements // 20)) if placements else []
    if placements:
        _in_batches(
            app, Placement, placements, "Werkplekken", lambda i: _placement(rng, i, organisations, occupations, areas)
        )
    if residents:
        _in_batches(
            app,
            Resident,
            residents,
            "Inwoners",
            lambda i: _resident(rng, i, random_seed, consultant, occupations, areas),
        )
    _refresh_statistics(app)
    echo(f"{residents} inwoners en {placements} werkplekken toegevoegd.")


def _refresh_statistics(app: Flask) -> None:
    """After a bulk load PostgreSQL's planner still thinks the tables are small and scans them
    whole instead of using the updated_at index (50 ms instead of 0.05 ms per look at 100k rows)."""
    engine = engine_of(app)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE resident, placement, organisation"))


def _in_batches(app: Flask, model: Any, count: int, label: str, make: Callable[[int], dict[str, Any]]) -> None:
    with click.progressbar(length=count, label=label, file=None) as bar:
        for start in range(0, count, BATCH):
            rows = [make(i) for i in range(start, min(count, start + BATCH))]
            with unit_of_work(app) as session:  # one transaction per batch keeps memory flat
                session.execute(insert(model), rows)
            bar.update(len(rows))


def _organisations(session: Any, rng: random.Random, areas: list[str], count: int) -> list[int]:
    rows = [
        {
            "kind": "employer" if i % 2 == 0 else "location",
            "name": f"Synthetische organisatie {i}-{rng.randint(0, 10**6)}",
            "postcode": rng.choice(areas),
            "sector": rng.choice(SECTORS),
            "contact_email": f"org{i}@synthetisch.invalid",
            "status": "approved",
            "status_reason": "",
            "approved_at": utcnow(),
            "created_at": utcnow(),
            "updated_at": utcnow(),
            "version": 1,
        }
        for i in range(count)
    ]
    return list(session.execute(insert(Organisation).returning(col(Organisation.id)), rows).scalars())


def _text(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, rng.randint(3, 8)))


def _placement(
    rng: random.Random, i: int, organisations: list[int], occupations: list[str], areas: list[str]
) -> dict[str, Any]:
    kind = rng.choices(PLACEMENT_TYPES, weights=TYPE_WEIGHTS)[0]
    defaults = type_defaults(kind)
    low = rng.choice((0, 0, 4, 8, 16, 24))
    kansrijk = rng.random() < 0.5
    return {
        "organisation_id": rng.choice(organisations),
        "title": f"Werkplek {i}",
        "description": _text(rng),
        "type": kind,
        "routes": defaults.get("routes", ["ontwikkeling"]),
        "phase": rng.choice(("orientatie", "ontwikkeling", "proef", "duurzaam")),
        "max_abc": defaults.get("max_abc", "G4"),
        "min_hours": low,
        "max_hours": low + rng.choice((8, 12, 16)),
        "language_level": rng.choice(("none", "none", "A2", "B1")),
        "physical_load": rng.choice(("light", "medium", "heavy")),
        "driving_licence": rng.random() < 0.1,
        "skills": [],
        "occupation": rng.choice(occupations) if kansrijk else _text(rng)[:40],
        "occupation_code": None,
        "kansrijk": kansrijk,
        "supports": rng.sample(SUPPORTS, rng.randint(0, 2)),
        "postcode": rng.choice(areas),
        "capacity": rng.randint(1, 5),
        "start_date": None,
        "end_date": None,
        "status": rng.choices(("open", "draft", "filled", "closed"), weights=(80, 8, 7, 5))[0],
        "posted_by_id": None,
        "filled_at": None,
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "version": 1,
    }


def _resident(
    rng: random.Random, i: int, seed: int, consultant: int | None, occupations: list[str], areas: list[str]
) -> dict[str, Any]:
    today = date.today()
    route = rng.choices(("meedoen", "ontwikkeling", "snel", None), weights=(35, 35, 20, 10))[0]
    started = today - timedelta(days=rng.randint(0, 400)) if route else None
    extended = route == "snel" and rng.random() < 0.5
    abc = rng.choices((None, "G1", "G2", "G3", "G4", "G5", "G6", "G7"), weights=(8, 8, 14, 18, 18, 14, 12, 8))[0]
    born = date(rng.randint(1960, 2007), rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.3 else None
    return {
        "code": f"S{seed}-{i:07d}",
        "name": f"Synthetische inwoner {i}",
        "contact": "",
        "birth_year": born.year if born else rng.randint(1960, 2007),
        "birth_date": born,
        "postcode": rng.choice(areas),
        "newcomer": rng.random() < 0.1,
        "route": route,
        "phase": rng.choice(("intake", "orientatie", "ontwikkeling", "nazorg")),
        "ladder_now": rng.randint(1, 5),
        "ladder_target": rng.randint(2, 6),
        "doelgroepregister": rng.random() < 0.15,
        "beschut_advies": rng.random() < 0.05,
        "wmo_dagbesteding": rng.random() < 0.08,
        "ontheffing_until": today + timedelta(days=rng.randint(-100, 300)) if rng.random() < 0.12 else None,
        "wants_to_participate": rng.random() < 0.3,
        "hours_available": rng.choice((None, 0, 8, 12, 16, 20, 24, 32, 36, 40)),
        "max_travel_km": rng.choice((5, 10, 15, 20, 30, 50)),
        "driving_licence": rng.random() < 0.35,
        "language_level": rng.choice(("none", "A1", "A2", "B1", "B2", "C1")),
        "physical_capacity": rng.choice(("light", "medium", "heavy")),
        "needs": rng.sample(("jobcoach", "werkplekaanpassing", "vervoer"), rng.randint(0, 2)),
        "wished_occupations": rng.sample(occupations, min(2, len(occupations))),
        "wished_sectors": rng.sample(SECTORS, 1),
        "talents": _text(rng),
        "consultant_id": consultant,
        "route_started_on": started,
        "snel_extended": extended,
        "route_deadline": route_deadline(TERMS, route, started, extended, None),
        "last_contact_on": today - timedelta(days=rng.randint(0, 600)),
        "abc": abc,
        "abc_measured_on": today - timedelta(days=rng.randint(0, 300)) if abc else None,
        "erased_at": None,
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "version": 1,
    }
