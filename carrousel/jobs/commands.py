"""`carrousel jobs list`, `carrousel jobs run NAME [--today]`, `carrousel scheduler`."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from .. import create_app
from ..db import engine_of
from . import JOBS
from .runner import run_job
from .scheduler import run_scheduler, tick


def _fail(message: str) -> None:
    """Bad input: one line on standard error, exit status 2."""
    click.echo(f"Fout: {message}", err=True)
    raise SystemExit(2)


def _day(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"--today {value!r} is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-26")
    return None  # pragma: no cover - _fail exits


def _app() -> Any:
    return create_app()


def _close(app: Any) -> None:
    """Close the database connections before the command ends (no connection left to the GC)."""
    engine_of(app).dispose()


@click.group("jobs", help="De geplande taken: bekijken of nu draaien.")
def jobs_group() -> None:
    pass


@jobs_group.command("list", help="Toon de geplande taken.")
def list_command() -> None:
    for job in JOBS.values():
        click.echo(f"{job.name:<14} {job.schedule:<10} {job.description}")


@jobs_group.command("run", help="Draai één taak nu (voor cron en tests); niets dubbel per dag.")
@click.argument("name")
@click.option("--today", callback=_day, expose_value=True, help="De dag waarvoor de taak draait (JJJJ-MM-DD).")
def run_command(name: str, today: date | None) -> None:
    if name not in JOBS:
        _fail(f"onbekende taak {name!r}; kies uit: {', '.join(JOBS)}")

    app = _app()
    try:
        result = run_job(app, name, today or date.today())
    finally:
        _close(app)
    if result.outcome == "skipped":
        click.echo(f"{name} is voor {result.day} al gedraaid (of draait nu elders); niets gedaan.")
    elif result.outcome == "failed":
        click.echo(f"{name} voor {result.day} mislukt: {result.error}", err=True)
        raise SystemExit(1)
    else:
        click.echo(f"{name} voor {result.day} gedraaid: {describe(result.summary)}.")


WORDS = {
    "made": "gemaakt",
    "closed": "gesloten",
    "made_by_kind": "gemaakt per soort",
    "closed_by_kind": "gesloten per soort",
    "mailed": "gemaild",
    "mail_failed": "e-mail mislukt",
    "employers": "werkgevers",
    "locations": "locaties",
    "residents": "inwoners",
    "interest_deleted": "interesseberichten gewist",
}


def describe(summary: dict[str, Any]) -> str:
    """A job's summary in one Dutch line: 'gemaakt: 19, gemaakt per soort: snel_deadline 4, ...'."""
    parts = []
    for key, value in summary.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "geen"
            value = f"({value})"
        parts.append(f"{WORDS.get(key, key)}: {value}")
    return "; ".join(parts)


@click.command("scheduler", help="De planner: één proces naast de webworkers, draait de taken dagelijks.")
@click.option("--once", is_flag=True, help="Eén ronde en stoppen (voor cron en tests).")
@click.option("--today", callback=_day, help="Met --once: de dag waarvoor de taken draaien.")
def scheduler_command(once: bool, today: date | None) -> None:
    app = _app()
    if once:
        try:
            results = tick(app, today=today)
        finally:
            _close(app)
        for result in results:
            click.echo(f"{result.job} {result.day}: {result.outcome} {result.error}".rstrip())
        return
    run_scheduler(app, click.echo)
