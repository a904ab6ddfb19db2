"""Benefit counselling: what a paid start does to the monthly income (consultants), the parameter
table per period (admin), and the gate a paid start passes. The arithmetic is pure: arithmetic.py."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("income", __name__)
api = Blueprint("income_api", __name__, url_prefix="/api/v1/residents")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.add_template_global(views.counselling_needed, "counselling_needed")


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
