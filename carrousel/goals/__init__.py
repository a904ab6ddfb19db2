"""The carousel's goals: progress against the targets, the history of daily snapshots."""

from __future__ import annotations

from flask import Blueprint, Flask

from .chart import percent

bp = Blueprint("goals", __name__)
api = Blueprint("goals_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.add_template_filter(percent, "procent")


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
