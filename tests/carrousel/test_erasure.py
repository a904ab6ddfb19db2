"""Issue 11, item 3: erasure leaves the name in no table, no free text, and (SQLite) no file."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from flask import Flask
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

from carrousel.auth.account import Account
from carrousel.cases.erasure import ON_ERASURE
from carrousel.db import engine_of, unit_of_work
from carrousel.models import Placement, Proposal, ProposalEvent, Resident
from tests.conftest import Client, bearer

NAME = "Wilhelmina Vergeetmenietje"


def _everything(app: Flask) -> str:
    """Every row of every table as text."""
    rows = []
    with engine_of(app).connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows.extend(str(tuple(row)) for row in connection.execute(table.select()))
    return "\n".join(rows)


def test_every_resident_column_has_a_documented_fate(app: Flask) -> None:
    columns = {column["name"] for column in inspect(engine_of(app)).get_columns("resident")}
    assert columns == set(ON_ERASURE)


def test_erasure_leaves_the_name_in_no_table_and_no_database_file(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(
        consultant,
        name=NAME,
        abc="G3",
        route="ontwikkeling",
        ladder_now=3,
        ladder_target=5,
        ontheffing_until=date(2027, 3, 1),
        language_level="C1",
        physical_capacity="heavy",
        hours_available=28,
        route_started_on=date(2026, 2, 1),
        last_contact_on=date(2026, 10, 1),
    )
    placement = make_placement(status="open")
    token = token_for(consultant)
    # Free text about the person on the timeline and on a proposal and its history.
    changed = client.patch(
        f"/api/v1/residents/{resident}",
        headers=bearer(token),
        json={"phase": "ontwikkeling", "reason": f"Gesprek met {NAME} over haar rug"},
    )
    assert changed.status_code == 200
    with app.app_context(), unit_of_work(app) as session:
        proposal = Proposal(
            resident_id=resident,
            placement_id=placement,
            organisation_id=session.exec(select(Placement.organisation_id).where(Placement.id == placement)).one(),
            consultant_id=consultant.id,
            status="started",
            motivation=f"{NAME} kan goed met klanten",
            reason=f"{NAME} is begonnen",
            rank=1,
            started_on=date(2026, 11, 1),
        )
        session.add(proposal)
        session.flush()
        session.add(ProposalEvent(proposal_id=proposal.id, status="proposed", on_date=date.today(), reason=NAME))
    assert NAME in _everything(app)

    client.login(consultant.email)
    assert client.submit(f"/caseload/{resident}/wissen", {"confirm": "1"}).status_code == 302

    assert NAME not in _everything(app)
    assert "Vergeetmenietje" not in _everything(app)
    with app.app_context(), unit_of_work(app) as session:
        row = session.get(Resident, resident)
        assert row is not None and row.erased_at is not None
        # What the security test found left over: all gone.
        assert (row.ontheffing_until, row.ladder_now, row.ladder_target, row.route) == (None, None, None, None)
        assert (row.route_started_on, row.route_deadline, row.last_contact_on) == (None, None, None)
        assert (row.language_level, row.physical_capacity, row.hours_available) == ("none", "medium", None)
        kept = session.exec(select(Proposal).where(Proposal.resident_id == resident)).one()
        # The proposal stays for the counts (rank, start; the running place ends as stopped and
        # frees its capacity), without its free text.
        assert (kept.status, kept.outcome, kept.rank, kept.motivation, kept.reason) == ("ended", "stopped", 1, "", "")
        reasons = session.exec(select(ProposalEvent.reason).where(ProposalEvent.proposal_id == kept.id)).all()
        assert len(reasons) >= 1 and set(reasons) == {""}
    engine = engine_of(app)
    if engine.dialect.name == "sqlite":
        database = Path(str(engine.url.database))
        for path in (database, Path(f"{database}-wal")):
            if path.exists():
                assert b"Vergeetmenietje" not in path.read_bytes(), path
    else:  # PostgreSQL: the erasure VACUUMed the tables it touched
        deadline = time.time() + 5
        while True:
            with engine.connect() as connection:
                vacuumed = connection.execute(
                    text("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'resident'")
                ).scalar()
            if vacuumed is not None or time.time() > deadline:
                break
            time.sleep(0.2)
        assert vacuumed is not None
