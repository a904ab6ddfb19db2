"""Fixtures: the app on SQLite (or PostgreSQL when CARROUSEL_TEST_DATABASE_URL is set),
clean tables per test, and factories that return callables."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from sqlmodel import SQLModel

from carrousel import create_app
from carrousel.auth.account import Account
from carrousel.auth.service import create_user
from carrousel.db import engine_of, unit_of_work, upgrade_schema
from carrousel.models import (
    AbcMeasurementCreate,
    Organisation,
    OrganisationCreate,
    PlacementCreate,
    ResidentCreate,
    utcnow,
)
from carrousel.placements.operations import create_placement
from carrousel.residents.operations import create_resident, record_abc
from carrousel.seeding.income_parameters import load_parameters
from carrousel.seeding.occupations import load_occupations

PASSWORD = "een-goed-wachtwoord"
SHARED_GEODATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "geonames" / "NL.txt"
KEEP_TABLES = {"occupation", "alembic_version"}


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """SQLite in this session's temporary folder (pytest-xdist gives each worker its own), or
    CARROUSEL_TEST_DATABASE_URL; under pytest-xdist each worker on PostgreSQL gets a database of
    its own beside that one, `<name>_gw0`, `<name>_gw1`, ..., created here when missing."""
    url = os.environ.get("CARROUSEL_TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = make_url(url)
    if not worker or not base.get_backend_name().startswith("postgresql"):
        return url
    name = f"{base.database}_{worker}"
    server = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            # One CREATE DATABASE at a time: two at once can meet "template1 is being accessed".
            connection.execute(text("SELECT pg_advisory_lock(1515)"))
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if exists.first() is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            connection.execute(text("SELECT pg_advisory_unlock(1515)"))
    finally:
        server.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    url = _database_url(tmp_path_factory)
    application = create_app(
        {
            "testing": True,
            "instance_path": str(tmp_path_factory.mktemp("instance")),
            "app": {"database_url": url, "secure_cookies": False, "secret_key": "test-secret", "page_size": 10},
            # No second factor by default, so every test can log in with a password;
            # tests/carrousel/test_mfa.py turns it on where it is the subject.
            "security": {"argon2_time_cost": 1, "argon2_memory_kib": 1024, "mfa_required_roles": []},
            "data": {"geodata_file": str(SHARED_GEODATA) if SHARED_GEODATA.is_file() else ""},
            # The start gate of the placement agreement is off here, so that tests of other
            # steps can start a trial in one call; tests/carrousel/test_resident_side.py turns it on.
            "agreements": {"required_types": []},
        }
    )
    engine = engine_of(application)
    if engine.dialect.name == "postgresql":  # a fresh schema for this test session
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade_schema(application)
    with application.app_context(), unit_of_work(application) as session:
        load_occupations(session)
    yield application
    engine.dispose()


@pytest.fixture(autouse=True)
def clean_tables(app: Flask) -> Iterator[None]:
    yield
    _empty_tables(app)


def _empty_tables(app: Flask) -> None:
    engine = engine_of(app)
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            connection.execute(text("PRAGMA defer_foreign_keys=ON"))
            for table in tables:
                connection.execute(table.delete())
    with app.app_context(), unit_of_work(app) as session:
        load_parameters(session)  # reference data, as migration 0012 leaves it: the income norms per period
    app.extensions.pop("carrousel.matching", None)


class Client(FlaskClient):
    """A test client that sends the CSRF token the way a browser form would."""

    _csrf: str | None = None

    def csrf_token(self) -> str:
        if self._csrf is None:
            # The login form carries it for visitors; the logout button for everybody logged in.
            page = self.get("/inloggen", follow_redirects=True).get_data(as_text=True)
            match = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert match, "the login page has no CSRF token"
            self._csrf = match.group(1)
        return self._csrf

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=payload, **kwargs)

    def login(self, email: str, password: str = PASSWORD) -> Any:
        self._csrf = None
        response = self.submit("/inloggen", {"email": email, "password": password})
        self._csrf = None  # the session was renewed at login
        return response


@pytest.fixture
def client(app: Flask) -> Client:
    app.test_client_class = Client
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def make_user(app: Flask) -> Callable[..., Account]:
    counter = iter(range(1, 10_000))

    def make(role: str, organisation_id: int | None = None, email: str | None = None) -> Account:
        with app.app_context(), unit_of_work(app) as session:
            user = create_user(
                session,
                email=email or f"{role}{next(counter)}@test.nl",
                password=PASSWORD,
                role=role,
                name=f"Test {role}",
                organisation_id=organisation_id,
            )
            assert user.id is not None
            return Account(user.id, user.email, user.name, role, organisation_id, "")

    return make


@pytest.fixture
def make_organisation(app: Flask) -> Callable[..., int]:
    counter = iter(range(1, 10_000))

    def make(kind: str = "employer", status: str = "approved", **fields: Any) -> int:
        n = next(counter)
        data = {
            "kind": kind,
            "name": f"Organisatie {n}",
            "postcode": "6701AB",
            "sector": "Zorg",
            "contact_email": f"org{n}@test.nl",
            **fields,
        }
        with app.app_context(), unit_of_work(app) as session:
            org = Organisation(
                **OrganisationCreate(**data).model_dump(),
                status=status,
                approved_at=utcnow() if status == "approved" else None,
            )
            session.add(org)
            session.flush()
            assert org.id is not None
            return org.id

    return make


@pytest.fixture
def make_placement(
    app: Flask, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> Callable[..., int]:
    adviser: list[Account] = []

    def make(organisation_id: int | None = None, **fields: Any) -> int:
        if not adviser:
            adviser.append(make_user("adviser"))
        data = {
            "title": "Werkplek",
            "type": "regulier",
            "postcode": "6701AB",
            "status": "open",
            "routes": ["meedoen", "ontwikkeling", "snel"],
            "max_abc": "G7",
            **fields,
        }
        data["organisation_id"] = organisation_id or make_organisation()
        with app.app_context(), unit_of_work(app) as session:
            placement = create_placement(session, data=PlacementCreate(**data), actor=adviser[0])
            assert placement.id is not None
            return placement.id

    return make


@pytest.fixture
def make_resident(app: Flask) -> Callable[..., int]:
    def make(consultant: Account, abc: str | None = None, **fields: Any) -> int:
        data = {
            "name": "Inwoner Test",
            "birth_year": 1990,
            "postcode": "6701AB",
            "route": "snel",
            "hours_available": 32,
            "max_travel_km": 25,
            "language_level": "B1",
            **fields,
        }
        with app.app_context(), unit_of_work(app) as session:
            resident = create_resident(session, data=ResidentCreate(**data), actor=consultant)
            assert resident.id is not None
            if abc:
                record_abc(
                    session,
                    resident_id=resident.id,
                    actor=consultant,
                    data=AbcMeasurementCreate(level=abc, measured_on=date.today()),
                )
            return resident.id

    return make


@pytest.fixture
def token_for(client: Client) -> Callable[[Account], str]:
    def issue(account: Account) -> str:
        response = client.post("/api/v1/auth/token", json={"email": account.email, "password": PASSWORD})
        assert response.status_code == 201, response.get_json()
        token: str = response.get_json()["token"]
        return token

    return issue


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def demo_rows(app: Flask) -> dict[str, list[dict[str, Any]]]:
    """The rows `carrousel seed --demo` writes, seeded once per test session (per worker) and
    copied back by `demo` for each test that needs them: seeding is seconds of work (accounts,
    the matching index, proposals walked through their steps), a copy a fraction of one.
    Session fixtures are set up before a test's own, so the tables are empty here."""
    from carrousel.seeding import run_seed

    run_seed(app, demo=True, echo=lambda _message: None)
    with engine_of(app).connect() as connection:
        rows = {
            table.name: [dict(row._mapping) for row in connection.execute(table.select())]
            for table in SQLModel.metadata.sorted_tables
            if table.name not in KEEP_TABLES
        }
    _empty_tables(app)
    return rows


def _restore(app: Flask, rows: dict[str, list[dict[str, Any]]]) -> None:
    engine = engine_of(app)
    tables = [t for t in SQLModel.metadata.sorted_tables if rows.get(t.name)]
    with engine.begin() as connection:
        for table in reversed(tables):  # reference data that `_empty_tables` loads again, as the demo left it
            connection.execute(table.delete())
        for table in tables:
            connection.execute(table.insert(), rows[table.name])
            if engine.dialect.name == "postgresql" and "id" in table.c:  # the next id after the copied ones
                name = f'"{table.name}"'
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"))


@pytest.fixture
def demo(app: Flask, demo_rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """The demo municipality; ids of a resident of the first demo consultant, a placement of
    the demo employer, an organisation and a place of the demo location, for pages that need one."""
    from sqlmodel import select

    from carrousel.models import Placement, Proposal, Resident, User
    from carrousel.seeding import DEMO_USERS

    _restore(app, demo_rows)
    with app.app_context(), unit_of_work(app) as session:
        consultant = session.exec(select(User).where(User.email == DEMO_USERS[0][1])).one()
        resident = session.exec(select(Resident).where(Resident.consultant_id == consultant.id)).first()
        employer = session.exec(select(User).where(User.role == "employer")).one()
        placement = session.exec(select(Placement).where(Placement.organisation_id == employer.organisation_id)).first()
        organisation = session.exec(select(Organisation)).first()
        location = session.exec(select(User).where(User.role == "location")).one()
        place = session.exec(select(Placement).where(Placement.organisation_id == location.organisation_id)).first()
        assert resident and placement and organisation and place
        proposal = session.exec(  # the demo employer's proposal waiting for an answer, of the first consultant
            select(Proposal)
            .join(Resident, Resident.id == Proposal.resident_id)  # type: ignore[arg-type]
            .where(Proposal.organisation_id == employer.organisation_id, Proposal.status == "consented")
            .order_by(Resident.consultant_id != consultant.id, Proposal.id)  # type: ignore[arg-type]
        ).first()
        assert proposal
        return {
            "resident": resident.id,  # type: ignore[dict-item]
            "placement": placement.id,  # type: ignore[dict-item]
            "organisation": organisation.id,  # type: ignore[dict-item]
            "place": place.id,  # type: ignore[dict-item]  (a catalogue place of the demo location)
            "proposal": proposal.id,  # type: ignore[dict-item]
        }


# Every page of the product per role (None: a visitor), rendered in tests/carrousel and
# checked with axe-core in tests/browser; the ids come from the `demo` fixture.
PAGES: dict[str | None, list[str]] = {
    None: [
        "/",
        "/inloggen",
        "/plekken",
        "/plekken?postcode=6701AB&afstand=10",
        "/plekken?postcode=1009ZZ&afstand=5",
        "/plekken/{place}",
        "/aanmelden",
    ],
    "consultant": [
        "/",
        "/caseload",
        "/caseload/nieuw",
        "/caseload/{resident}",
        "/caseload/{resident}/bewerken",
        "/caseload/{resident}/plekken",
        "/caseload/{resident}/inkomen",
        "/caseload?abc=none&sort=deadline",
        "/werkplekken",
        "/werkplekken/{placement}",
        "/werkplekken/{placement}/kandidaten",
        "/account/wachtwoord",
        "/account/tweestapsverificatie",
        "/voorstellen",
        "/voorstellen/{proposal}",
        "/voorstellen/nieuw?inwoner={resident}&werkplek={placement}",
        "/voorstellen/{proposal}/afspraken",
        "/caseload/{resident}/inzage",
        "/herinneringen",
        "/herinneringen?status=done",
    ],
    "adviser": [
        "/",
        "/organisaties",
        "/organisaties?status=pending",
        "/organisaties/nieuw",
        "/organisaties/{organisation}",
        "/werkplekken",
        "/werkplekken/nieuw",
        "/werkplekken/{placement}",
        "/werkplekken/{placement}/kandidaten",
        "/doelen",
        "/importeren",
        "/voorstellen",
        "/voorstellen?organisatie={organisation}",
        "/voorstellen/{proposal}",
        "/voorstellen/kwaliteit",
        "/herinneringen",
    ],
    "employer": [
        "/",
        "/werkplekken",
        "/werkplekken/nieuw",
        "/werkplekken/{placement}",
        "/werkplekken/{placement}/kandidaten",
        "/werkplekken/{placement}/bewerken",
        "/interesse",
        "/voorstellen",
        "/voorstellen/{proposal}",
        "/voorstellen/{proposal}/afspraken",
    ],
    "location": [
        "/",
        "/werkplekken",
        "/werkplekken/nieuw",
        "/werkplekken/{place}",
        "/interesse",
        "/account/tweestapsverificatie",
        "/voorstellen",
    ],
    "admin": [
        "/",
        "/beheer/gebruikers",
        "/beheer/toegangslog",
        "/doelen",
        "/beheer",
        "/beheer/instellingen",
        "/beheer/configuratie",
        "/beheer/inkomen",
        "/beheer/inkomen?periode=2026-07-01",
        "/voorstellen/kwaliteit",
    ],
}
