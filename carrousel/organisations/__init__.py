"""Employers and activerend-werk locations: registration, approval, their own records."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("organisations", __name__)
api = Blueprint("organisations_api", __name__, url_prefix="/api/v1/organisations")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)


from . import api_views, import_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
