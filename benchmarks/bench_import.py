"""Imports: how long a 1,000-row placement file takes to check and load, and how fast a huge
workbook is refused. Prints its figures (not a pass/fail test); the unit tests check behaviour.

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

from carrousel import create_app
from carrousel.auth.account import Account
from carrousel.auth.service import create_user
from carrousel.db import unit_of_work, upgrade_schema
from carrousel.models import Organisation
from carrousel.organisations.bulk import check_rows, import_rows
from carrousel.organisations.tabular import read_table
from carrousel.seeding.occupations import load_occupations
from carrousel.validation import InvalidInput

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The same small zip of 400,000 rows as the regression test, so the figure is about that file.
from tests.carrousel.test_exports import _small_zip_of_many_rows as huge_workbook


def placements_csv(organisation: str, rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["organisatie", "titel", "soort", "postcode", "routes", "min_uren", "max_uren", "beroep", "status"])
    for i in range(rows):
        writer.writerow([organisation, f"Schoonmaker {i}", "regulier", "6701AB", "snel", 8, 32, "Schoonmakers", "open"])
    return out.getvalue().encode()


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-import-")
    app = create_app(
        {"instance_path": folder, "app": {"database_url": f"sqlite:///{folder}/bench.sqlite", "secret_key": "bench"}}
    )
    upgrade_schema(app)
    with app.app_context(), unit_of_work(app) as session:
        load_occupations(session)
        adviser = create_user(session, email="adviseur@bench.nl", password="bench-wachtwoord", role="adviser", name="A")
        session.add(
            Organisation(
                kind="employer", name="Schoon BV", postcode="6701AB", contact_email="s@b.nl", status="approved"
            )
        )
        actor = Account(adviser.id, adviser.email, adviser.name, "adviser", None, "")  # type: ignore[arg-type]
    content = placements_csv("Schoon BV", 1000)
    with app.app_context(), unit_of_work(app) as session:
        started = time.perf_counter()
        check = check_rows(session, "placements", read_table("plekken.csv", content))
        checked = time.perf_counter() - started
        written = import_rows(session, check, actor, only_valid=False)
        loaded = time.perf_counter() - started
    print(
        f"1,000-row placement CSV: checked in {checked:.2f} s, checked and loaded ({written} rows) in {loaded:.2f} s"
        " (target 10 s)"
    )
    workbook = huge_workbook(400_000)
    started = time.perf_counter()
    with contextlib.suppress(InvalidInput):  # refused past the row limit: that is what is timed
        read_table("veel.xlsx", workbook, max_rows=10_000)
    print(
        f"{len(workbook) / 1e6:.1f} MB workbook of 400,000 rows refused in {time.perf_counter() - started:.3f} s"
        " (it held a worker 31 s when read whole)"
    )


if __name__ == "__main__":
    main()
