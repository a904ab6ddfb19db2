"""Operations: the restore drill. Seed, back up, restore into an empty database: every row back."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, create_engine, inspect, text

from carrousel.backup import BackupError, backup, restore
from carrousel.db import engine_of

CARROUSEL = [sys.executable, "-c", "from carrousel.cli import main; main()"]


def _rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            found[table] = sorted((tuple(row) for row in rows), key=repr)
    return found


@pytest.fixture
def empty_database(app: Flask, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of the test database's kind."""
    url = engine_of(app).url
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    name = f"{url.database}_restore"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _cli(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARROUSEL_INSTANCE_PATH": str(tmp_path / "cli"), "CARROUSEL_DATABASE_URL": url}
    return subprocess.run([*CARROUSEL, *args], capture_output=True, text=True, env=env, timeout=300)


def test_a_restore_into_an_empty_database_gives_back_every_row(
    app: Flask, demo: dict[str, int], empty_database: str, tmp_path: Path
) -> None:
    source = engine_of(app)
    before = _rows(source)
    assert sum(len(rows) for rows in before.values()) > 500 and before["proposal"] and before["resident"]

    file = tmp_path / "carrousel.backup"
    made = _cli(source.url.render_as_string(hide_password=False), tmp_path, "backup", str(file))
    assert made.returncode == 0, made.stderr
    assert file.stat().st_size > 0

    put_back = _cli(empty_database, tmp_path, "restore", str(file))
    assert put_back.returncode == 0, put_back.stderr
    restored = create_engine(empty_database)
    try:
        assert _rows(restored) == before
    finally:
        restored.dispose()

    again = _cli(empty_database, tmp_path, "restore", str(file))  # never over a database by accident
    assert again.returncode != 0 and "lege database" in again.stderr and "Traceback" not in again.stderr


def test_a_file_that_is_no_backup_is_refused_in_one_line(app: Flask, empty_database: str, tmp_path: Path) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_text("geen back-up")
    engine = create_engine(empty_database)
    try:
        with pytest.raises(BackupError, match="back-up"):
            restore(engine, junk)
        with pytest.raises(BackupError, match="bestaat niet"):
            restore(engine, tmp_path / "missing.backup")
        with pytest.raises(BackupError, match="map"):
            backup(engine, tmp_path)
    finally:
        engine.dispose()
