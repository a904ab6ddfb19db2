"""Run a job for a day, once: the inserted `JobRun` row is the claim on (job, day)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from flask import Flask
from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from ..db import unit_of_work
from ..models import JobRun, utcnow
from . import JOBS

log = logging.getLogger("carrousel.jobs")
# A run still 'running' after this long died with its process: the next tick may take it over.
STALE_AFTER = timedelta(hours=1)
Outcome = Literal["done", "skipped", "failed"]


@dataclass
class RunResult:
    job: str
    day: date
    outcome: Outcome
    summary: dict[str, Any]
    error: str = ""


def claim(app: Flask, job: str, day: date) -> int | None:
    """The id of the JobRun this process now owns for (job, day); None when another has it."""
    try:
        with unit_of_work(app) as session:
            run = JobRun(job=job, day=day)
            session.add(run)
            session.flush()
            return run.id
    except IntegrityError:
        pass  # the day is claimed already: done, running elsewhere, or failed (retry below)
    with unit_of_work(app) as session:
        retry = or_(
            col(JobRun.status) == "failed",
            and_(col(JobRun.status) == "running", col(JobRun.started_at) < utcnow() - STALE_AFTER),
        )
        result = session.exec(
            update(JobRun)
            .where(col(JobRun.job) == job, col(JobRun.day) == day, retry)
            .values(status="running", attempts=JobRun.attempts + 1, started_at=utcnow(), error="")
        )
        if result.rowcount != 1:
            return None
        run_id = session.exec(select(JobRun.id).where(JobRun.job == job, JobRun.day == day)).one()
        return run_id


def _finish(app: Flask, run_id: int, status: str, summary: dict[str, Any], error: str = "") -> None:
    with unit_of_work(app) as session:
        run = session.get(JobRun, run_id)
        assert run is not None
        run.status = status  # type: ignore[assignment]
        run.summary = summary
        run.error = error[:2000]
        run.finished_at = utcnow()


def run_job(app: Flask, name: str, day: date) -> RunResult:
    """Run one job for one day unless it ran already; a failure is recorded, not raised."""
    job = JOBS[name]
    run_id = claim(app, name, day)
    if run_id is None:
        return RunResult(name, day, "skipped", {})
    try:
        with app.app_context():
            summary = job.function(app, day)
    except Exception as exc:  # recorded and retried at the next tick; the scheduler goes on
        log.exception("job %s for %s failed", name, day)
        error = f"{type(exc).__name__}: {exc}"
        _finish(app, run_id, "failed", {}, error)
        return RunResult(name, day, "failed", {}, error)
    _finish(app, run_id, "done", summary)
    return RunResult(name, day, "done", summary)
