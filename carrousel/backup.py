"""`carrousel backup FILE` and `carrousel restore FILE`: a consistent copy and its way back.

SQLite: the online backup API (a consistent copy while the application runs, WAL included),
written as an SQLite file. PostgreSQL: `pg_dump -Fc` (custom format, consistent within one
transaction) and `pg_restore`. A restore goes into an empty database (a fresh file, or a
database made with `createdb`); into one that already has a schema only with `replace`,
which is for a database the operator means to overwrite. Stop the web workers and the
scheduler before a restore. (subprocess runs pg_dump and pg_restore only, with an argument
list, never a shell.)
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why, in one Dutch line."""


def backup(engine: Engine, target: Path) -> str:
    """Write a consistent copy of the database to target; what was written, in words."""
    if target.exists() and target.is_dir():
        raise BackupError(f"{target} is een map; geef een bestandsnaam")
    if engine.dialect.name == "sqlite":
        partial = target.with_name(target.name + ".deel")
        partial.unlink(missing_ok=True)
        raw = engine.raw_connection()
        try:
            with sqlite3.connect(partial) as copy:
                raw.driver_connection.backup(copy)  # type: ignore[union-attr]
            copy.close()
        finally:
            raw.close()
        partial.replace(target)  # never a half-written file under the real name
        return f"SQLite-kopie geschreven naar {target}"
    _pg_tool("pg_dump", engine.url, ["-Fc", "--no-owner", "--no-privileges", "-f", str(target)])
    return f"pg_dump (custom format) geschreven naar {target}"


def restore(engine: Engine, source: Path, *, replace: bool = False) -> str:
    """Put a backup back into the configured database (empty unless replace)."""
    if not source.is_file():
        raise BackupError(f"{source} bestaat niet of is geen bestand")
    with source.open("rb") as handle:
        head = handle.read(16)
    if not replace and inspect(engine).get_table_names():
        raise BackupError(
            "de database heeft al tabellen; zet terug in een lege database, of geef --replace om haar te overschrijven"
        )
    if engine.dialect.name == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} is geen SQLite-back-up (van `carrousel backup` op SQLite)")
        engine.dispose()  # no pooled connection may keep the old pages
        raw = engine.raw_connection()
        try:
            with sqlite3.connect(source) as origin:
                origin.backup(raw.driver_connection)  # type: ignore[arg-type]
            origin.close()
        finally:
            raw.close()
        engine.dispose()
        return f"{source} teruggezet"
    if not head.startswith(PG_MAGIC):
        raise BackupError(f"{source} is geen pg_dump-back-up (van `carrousel backup` op PostgreSQL)")
    engine.dispose()
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if replace:
        options += ["--clean", "--if-exists"]
    _pg_tool("pg_restore", engine.url, [*options, str(source)], database_flag=True)
    return f"{source} teruggezet met pg_restore"


def _pg_tool(tool: str, url: URL, arguments: list[str], *, database_flag: bool = False) -> None:
    """Run pg_dump or pg_restore against url; the password goes in the environment, not the process list."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(f"{tool} is niet gevonden; installeer de PostgreSQL-clienttools (Debian: postgresql-client)")
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    target = ["-d", dsn] if database_flag else [f"--dbname={dsn}"]
    # An argument list built from the configuration, no shell.
    done = subprocess.run(  # nosec B603
        [program, *target, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["onbekende fout"])[-1]
        raise BackupError(f"{tool} mislukte: {last}")
