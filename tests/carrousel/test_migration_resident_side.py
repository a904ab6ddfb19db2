"""Migration 0011 carries existing residents over: confirmed at their last contact, else on the
day they were recorded; and it goes down and up again. On SQLite, and on PostgreSQL in a
database of its own: CARROUSEL_MIGRATION_DATABASE_URL, or (in CI) a sibling of the test
database that this test creates and drops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, make_url, text

from carrousel.db import alembic_config


def _url(tmp_path: Path, which: int) -> str:
    """Database `which`: 0 is a SQLite file, 1 a PostgreSQL database of this test's own."""
    if which == 0:
        return f"sqlite:///{tmp_path / 'migrate.sqlite'}"
    if os.environ.get("CARROUSEL_MIGRATION_DATABASE_URL"):
        return os.environ["CARROUSEL_MIGRATION_DATABASE_URL"]
    # CI's PostgreSQL run (its SQLite run leaves this half to it): a sibling of the test database,
    # named per worker, made under the lock the test databases are made under (tests/conftest.py).
    test_url = make_url(os.environ["CARROUSEL_TEST_DATABASE_URL"])
    sibling = f"{test_url.database}_migration_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    server = create_engine(test_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(1515)"))
            connection.execute(text(f'DROP DATABASE IF EXISTS "{sibling}"'))
            connection.execute(text(f'CREATE DATABASE "{sibling}"'))
            connection.execute(text("SELECT pg_advisory_unlock(1515)"))
    finally:
        server.dispose()
    return test_url.set(database=sibling).render_as_string(hide_password=False)


def _with_postgresql() -> bool:
    return bool(os.environ.get("CARROUSEL_MIGRATION_DATABASE_URL")) or (
        os.environ.get("CARROUSEL_TEST_DATABASE_URL", "").startswith("postgresql") and os.environ.get("CI") == "true"
    )


# SQLite always; PostgreSQL where a database for it is named (CI's PostgreSQL run), so no run skips.
@pytest.mark.parametrize("which", [0, 1] if _with_postgresql() else [0])
def test_0011_backfills_the_confirmation_and_goes_down_and_up(tmp_path: Path, which: int) -> None:
    engine = create_engine(_url(tmp_path, which))
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    config = alembic_config(engine)
    command.upgrade(config, "0010")
    with engine.begin() as connection:
        for code, contact in (("R-AAAAAAAA", "'2026-03-01'"), ("R-BBBBBBBB", "NULL")):
            connection.execute(
                text(
                    "INSERT INTO resident (code, name, contact, birth_year, postcode, newcomer, phase,"
                    " doelgroepregister, beschut_advies, wmo_dagbesteding, wants_to_participate, max_travel_km,"
                    " driving_licence,"
                    " language_level, physical_capacity, needs, wished_occupations, wished_sectors, talents,"
                    f" last_contact_on, created_at, updated_at, version) VALUES ('{code}', 'Naam', '', 1990, '6701',"
                    " false, 'intake', false, false, false, false, 10, false, 'none', 'medium', '[]', '[]', '[]', '',"
                    f" {contact}, '2025-05-02 10:00:00', '2025-05-02 10:00:00', 1)"
                )
            )
    command.upgrade(config, "0011")
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT code, availability_confirmed_on FROM resident")).all())
    assert {k: str(v) for k, v in rows.items()} == {"R-AAAAAAAA": "2026-03-01", "R-BBBBBBBB": "2025-05-02"}
    assert {"resident_link", "resident_token", "placement_agreement", "placement_evaluation"} <= set(
        inspect(engine).get_table_names()
    )
    command.downgrade(config, "0010")
    assert "availability_confirmed_on" not in {c["name"] for c in inspect(engine).get_columns("resident")}
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM resident")).scalar() == 2
    engine.dispose()
