"""Functional management of targets, terms and the participation definition (admin)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("settings", __name__, url_prefix="/beheer/instellingen")


def register(app: Flask) -> None:
    app.register_blueprint(bp)


from . import views  # noqa: E402, F401  (the routes register on the blueprints above)
