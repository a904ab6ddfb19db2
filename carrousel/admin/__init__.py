"""Functioneel beheer: the start page, accounts, settings and the access log."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def register(app: Flask) -> None:
    from . import access_log, accounts  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
