"""Functional management of targets, terms and the participation definition (admin)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("settings", __name__, url_prefix="/beheer/instellingen")


def register(app: Flask) -> None:
    from . import views  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
