"""The scheduled jobs, at a glance: name -> what it does, the function, when it runs.

Each job runs at most once per (job, day): `runner.run_job` claims the day by inserting the
`JobRun` row first, so a second run or a second scheduler does nothing. `carrousel scheduler`
ticks every `scheduler.tick_minutes` and runs each daily job from `scheduler.run_from_hour`;
a failed run is recorded with its error and tried again at the next tick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask

from ..catalogue.retention import run_retention
from ..goals.snapshots import run_goal_snapshot
from ..reminders.job import run_reminders


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    function: Callable[[Flask, date], dict[str, Any]]
    schedule: str = "dagelijks"


def _reminders(app: Flask, today: date) -> dict[str, Any]:
    return run_reminders(app, today)


def _goal_snapshot(app: Flask, today: date) -> dict[str, Any]:
    return run_goal_snapshot(app, today)


def _retention(app: Flask, today: date) -> dict[str, Any]:
    return run_retention(app, today)


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job("reminders", "Herinneringen maken, vanzelf afgehandelde sluiten, e-mail versturen", _reminders),
        Job("goal_snapshot", "Momentopname van de doelen (aangesloten organisaties, aandelen)", _goal_snapshot),
        Job("retention", "Interessebericht uit de catalogus wissen na catalogue.retention_days", _retention),
    )
}
