"""Employers and activerend-werk locations: registration, approval, their own records."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("organisations", __name__)
api = Blueprint("organisations_api", __name__, url_prefix="/api/v1/organisations")


def register(app: Flask) -> None:
    from . import api_views, import_views, views  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
    app.register_blueprint(api)
