"""The case over its lifetime: closing and reopening a case, the caseload's hand-over.

Use cases that span areas (residents, proposals, reminders, accounts) live here, above them,
so that none of those areas imports another's writes (STYLE.md, third version).
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("cases", __name__)
api = Blueprint("cases_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    from ..models.residents import OUTFLOW_LABELS
    from . import api_views, users_api, views  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.jinja_env.globals.update(outflow_labels=OUTFLOW_LABELS)
