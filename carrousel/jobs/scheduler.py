"""`carrousel scheduler`: one APScheduler process beside the web workers (never inside one:
every gunicorn worker would run every job)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from . import JOBS
from .runner import RunResult, run_job

log = logging.getLogger("carrousel.jobs")


def tick(app: Flask, now: datetime | None = None, today: date | None = None) -> list[RunResult]:
    """Run every daily job that has not run today yet (from the configured hour on)."""
    settings = app.config["CARROUSEL"]["scheduler"]
    now = now or datetime.now(ZoneInfo(settings["timezone"]))
    if today is None:
        if now.hour < int(settings["run_from_hour"]):
            return []
        today = now.date()
    results = [run_job(app, name, today) for name in JOBS]
    for result in results:
        if result.outcome != "skipped":
            log.info("%s %s: %s %s", result.job, result.day, result.outcome, result.error or result.summary)
    return results


def run_scheduler(app: Flask, echo: Callable[[str], None]) -> None:
    """Block: tick now and then every `scheduler.tick_minutes` until stopped."""
    # One line per run that did something, on standard error (the journal, under systemd).
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = app.config["CARROUSEL"]["scheduler"]
    zone = ZoneInfo(settings["timezone"])
    scheduler = BlockingScheduler(timezone=zone)
    scheduler.add_job(
        tick,
        IntervalTrigger(minutes=int(settings["tick_minutes"]), timezone=zone),
        args=[app],
        id="tick",
        next_run_time=datetime.now(zone),
        max_instances=1,
        coalesce=True,
    )
    echo(f"Planner draait: elke {settings['tick_minutes']} minuten, taken vanaf {settings['run_from_hour']}:00 uur.")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        echo("Planner gestopt.")
