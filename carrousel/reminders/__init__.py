"""Reminders for the person who must act: their list and 'done' (the count is on the home page)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("reminders", __name__)
api = Blueprint("reminders_api", __name__, url_prefix="/api/v1/reminders")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
