"""Placements (werkplekken): posted by organisations or by an adviser on their behalf."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("placements", __name__)
api = Blueprint("placements_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
