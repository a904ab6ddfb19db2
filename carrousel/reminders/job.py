"""The daily `reminders` job: sync the reminders, commit, then send the e-mail."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask

from ..db import unit_of_work
from ..settings.store import effective_settings
from .mail import send_pending
from .operations import sync_reminders


def run_reminders(app: Flask, today: date) -> dict[str, Any]:
    with unit_of_work(app) as session:
        settings = effective_settings(session, app.config["CARROUSEL"])
        summary = sync_reminders(session, settings, today)
    # Mailed after the reminders are committed: an SMTP failure never undoes them.
    with unit_of_work(app) as session:
        summary.update(send_pending(session, settings["mail"]))
    return summary
