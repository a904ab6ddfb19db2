"""The caseload: residents, their ABC history and timeline. Consultants only."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("residents", __name__)
api = Blueprint("residents_api", __name__, url_prefix="/api/v1/residents")


def register(app: Flask) -> None:
    from . import api_views, views  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
    app.register_blueprint(api)
