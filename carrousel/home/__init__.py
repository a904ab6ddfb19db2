"""The start page of each role and the health check."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("home", __name__)


def register(app: Flask) -> None:
    app.register_blueprint(bp)


from . import views  # noqa: E402, F401  (the routes register on the blueprint above)
