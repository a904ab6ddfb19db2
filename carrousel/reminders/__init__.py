"""Reminders for the person who must act: their list, 'done', the count on the home page."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("reminders", __name__)
api = Blueprint("reminders_api", __name__, url_prefix="/api/v1/reminders")


def register(app: Flask) -> None:
    from . import api_views, views  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.add_template_global(_open_reminders, "open_reminders")


def _open_reminders() -> int:
    from flask_login import current_user

    from ..db import get_session
    from .queries import open_reminder_count

    return open_reminder_count(get_session(), current_user.id)
