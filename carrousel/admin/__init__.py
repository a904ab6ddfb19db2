"""Functioneel beheer: the start page, accounts, settings and the access log."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def register(app: Flask) -> None:
    app.register_blueprint(bp)


from . import access_log, accounts  # noqa: E402, F401  (the routes register on the blueprints above)
