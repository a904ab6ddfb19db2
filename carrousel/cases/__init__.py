"""Use cases above several areas (one module each): they may import every area of the
marketplace and the workflow, and none of those areas imports them.

Erasure's routes join the blueprint of the area a user sees them in (`residents.erase`). The case
over its lifetime (closing and reopening a case, the caseload's hand-over on deactivation) has
its own blueprints: its pages sit on the resident page and the admin's account page.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from ..models.residents import OUTFLOW_LABELS

bp = Blueprint("cases", __name__)
api = Blueprint("cases_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.jinja_env.globals.update(outflow_labels=OUTFLOW_LABELS)


from . import api_views, case_views, users_api, views  # noqa: E402, F401  (the routes register on the blueprints)
