"""The caseload: residents, their ABC history and timeline. Consultants only."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("residents", __name__)
api = Blueprint("residents_api", __name__, url_prefix="/api/v1/residents")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
