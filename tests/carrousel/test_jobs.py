"""The job table: each job once per (job, day), failures recorded and retried, the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import func, update
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.cli import main
from carrousel.db import engine_of, unit_of_work
from carrousel.jobs import JOBS, Job
from carrousel.jobs.runner import run_job
from carrousel.jobs.scheduler import tick
from carrousel.models import GoalSnapshot, JobRun, Reminder, Resident

DAY = date(2026, 11, 26)


def _count(app: Flask, model: type, *where: Any) -> int:
    with unit_of_work(app) as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


def _set_resident(app: Flask, resident_id: int, **values: Any) -> None:
    with unit_of_work(app) as session:
        session.exec(update(Resident).where(Resident.id == resident_id).values(**values))  # type: ignore[call-overload]


@pytest.fixture
def caseload(app: Flask, make_user: Callable[..., Account], make_resident: Callable[..., int]) -> dict[str, Any]:
    consultant = make_user("consultant")
    no_contact = make_resident(consultant, route="meedoen")
    _set_resident(app, no_contact, last_contact_on=date(2025, 3, 1), route_started_on=date(2025, 11, 1))
    snel = make_resident(consultant, route="snel")
    _set_resident(app, snel, last_contact_on=DAY, route_started_on=DAY - timedelta(days=85), snel_extended=False)
    return {"consultant": consultant, "no_contact": no_contact, "snel": snel}


def test_each_job_run_twice_for_one_day_makes_nothing_twice(app: Flask, caseload: dict[str, Any]) -> None:
    first = {name: run_job(app, name, DAY) for name in JOBS}
    assert {r.outcome for r in first.values()} == {"done"}
    reminders, snapshots = _count(app, Reminder), _count(app, GoalSnapshot)
    # meedoen evaluation and no contact this year for one resident, the snel deadline for the other.
    assert first["reminders"].summary["made_by_kind"] == {
        "meedoen_evaluation": 1,
        "no_contact_this_year": 1,
        "snel_deadline": 1,
    }
    assert (reminders, snapshots) == (3, 1)
    second = {name: run_job(app, name, DAY) for name in JOBS}
    assert {r.outcome for r in second.values()} == {"skipped"}
    assert (_count(app, Reminder), _count(app, GoalSnapshot), _count(app, JobRun)) == (3, 1, len(JOBS))
    # The next day the job runs again, but the same reminders are not made a second time.
    assert run_job(app, "reminders", DAY + timedelta(days=1)).summary["made"] == 0
    assert _count(app, Reminder) == 3


def test_a_failed_run_is_recorded_with_its_error_and_retried_at_the_next_tick(
    app: Flask, caseload: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_app: Flask, _today: date) -> dict[str, Any]:
        raise RuntimeError("de mailserver gaf een onverwacht antwoord")

    monkeypatch.setitem(JOBS, "reminders", Job("reminders", "kapot", broken))
    results = {r.job: r for r in tick(app, today=DAY)}
    assert results["reminders"].outcome == "failed" and results["goal_snapshot"].outcome == "done"
    with unit_of_work(app) as session:
        run = session.exec(select(JobRun).where(JobRun.job == "reminders")).one()
        assert (run.status, run.attempts) == ("failed", 1)
        assert "RuntimeError: de mailserver gaf een onverwacht antwoord" in run.error
    monkeypatch.undo()
    results = {r.job: r for r in tick(app, today=DAY)}
    assert results["reminders"].outcome == "done" and results["goal_snapshot"].outcome == "skipped"
    with unit_of_work(app) as session:
        run = session.exec(select(JobRun).where(JobRun.job == "reminders")).one()
        assert (run.status, run.attempts, run.error) == ("done", 2, "")
    assert _count(app, Reminder) == 3


def test_the_scheduler_waits_for_its_hour(app: Flask, caseload: dict[str, Any]) -> None:
    from datetime import datetime

    assert tick(app, now=datetime(2026, 11, 26, 5, 59)) == []
    assert {r.outcome for r in tick(app, now=datetime(2026, 11, 26, 6, 0))} == {"done"}


def test_the_command_line_refuses_bad_input_in_one_line_with_exit_status_2() -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["jobs", "run", "herinneringen"])
    assert unknown.exit_code == 2
    assert unknown.output.strip().splitlines() == [
        "Fout: onbekende taak 'herinneringen'; kies uit: reminders, goal_snapshot, retention"
    ]
    bad_day = runner.invoke(main, ["jobs", "run", "reminders", "--today", "26-11-2026"])
    assert bad_day.exit_code == 2 and len(bad_day.output.strip().splitlines()) == 1
    assert "geen datum" in bad_day.output
    listing = runner.invoke(main, ["jobs", "list"])
    assert listing.exit_code == 0 and "reminders" in listing.output and "goal_snapshot" in listing.output


def _environment(app: Flask, tmp_path: Any) -> dict[str, str]:
    url = engine_of(app).url.render_as_string(hide_password=False)
    return {**os.environ, "CARROUSEL_DATABASE_URL": url, "CARROUSEL_INSTANCE_PATH": str(tmp_path)}


def test_two_schedulers_at_once_make_nothing_twice(app: Flask, tmp_path: Any) -> None:
    """Two processes tick for the same day at the same moment (PostgreSQL in the CI's second run)."""
    from carrousel.seeding import run_seed

    run_seed(app, demo=True, echo=lambda _message: None)
    # Both tick at the same moment: each, once it has imported everything and built its app,
    # leaves a file and waits for the other's (a barrier, rather than a fixed wait of seconds).
    ready = tmp_path / "ready"
    ready.mkdir()
    script = f"""
import os, time
from datetime import date
from pathlib import Path
from carrousel import create_app
from carrousel.jobs.scheduler import tick
app = create_app()
ready = Path({str(ready)!r})
(ready / str(os.getpid())).touch()
deadline = time.time() + 120
while len(list(ready.iterdir())) < 2 and time.time() < deadline:
    time.sleep(0.01)
print(' '.join(f'{{r.job}}={{r.outcome}}' for r in tick(app, today=date(2026, 11, 26))))
"""
    env = _environment(app, tmp_path)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    words = " ".join(out for out, _err in outputs).split()
    assert sorted(words) == sorted([f"{job}={outcome}" for job in JOBS for outcome in ("done", "skipped")]), outputs
    assert _count(app, JobRun) == len(JOBS)
    with unit_of_work(app) as session:
        # One snapshot of the day the two ticked for (the demo brings its own 30 days of history).
        days = session.exec(select(GoalSnapshot.day).where(GoalSnapshot.day == date(2026, 11, 26))).all()
        assert len(days) == 1
        run = session.exec(select(JobRun).where(JobRun.job == "reminders")).one()
        made = run.summary["made"]
        keys = session.exec(select(Reminder.key)).all()
    assert made > 0 and len(keys) == len(set(keys)) == made


def test_jobs_run_twice_from_the_command_line_exits_0_and_does_nothing_the_second_time(tmp_path: Any) -> None:
    # Real processes, as cron starts them, on a database of their own: `init`, then the same
    # job twice for one day, then one scheduler round for that day.
    env = {**os.environ, "CARROUSEL_DATABASE_URL": f"sqlite:///{tmp_path / 'cron.sqlite'}"}
    env["CARROUSEL_INSTANCE_PATH"] = str(tmp_path)

    def carrousel(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", "from carrousel.cli import main; main()", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=180, check=False)

    assert carrousel("init").returncode == 0
    first = carrousel("jobs", "run", "reminders", "--today", "2026-11-26")
    assert first.returncode == 0, first.stderr
    assert "reminders voor 2026-11-26 gedraaid" in first.stdout
    second = carrousel("jobs", "run", "reminders", "--today", "2026-11-26")
    assert second.returncode == 0 and "al gedraaid" in second.stdout, second.stderr
    once = carrousel("scheduler", "--once", "--today", "2026-11-26")
    assert once.returncode == 0 and once.stdout.split() == [
        "reminders",
        "2026-11-26:",
        "skipped",
        "goal_snapshot",
        "2026-11-26:",
        "done",
        "retention",
        "2026-11-26:",
        "done",
    ], once.stderr
    again = carrousel("scheduler", "--once", "--today", "2026-11-26")
    assert again.returncode == 0 and again.stdout.split().count("skipped") == 3, again.stdout


def test_a_run_left_running_by_a_dead_process_is_taken_over_after_an_hour(app: Flask, caseload: dict[str, Any]) -> None:
    from carrousel.models import utcnow

    with unit_of_work(app) as session:
        session.add(JobRun(job="reminders", day=DAY, started_at=utcnow() - timedelta(minutes=30)))
    assert run_job(app, "reminders", DAY).outcome == "skipped"  # still running elsewhere, perhaps
    with unit_of_work(app) as session:
        session.exec(update(JobRun).values(started_at=utcnow() - timedelta(minutes=61)))  # type: ignore[call-overload]
    assert run_job(app, "reminders", DAY).outcome == "done"
    assert _count(app, Reminder) == 3
