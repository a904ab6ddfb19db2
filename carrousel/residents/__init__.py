"""The caseload: residents, their ABC history and timeline. Consultants only."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask
from sqlmodel import Session

from ..db import get_session
from ..settings.store import terms_changed
from ..terms import Terms
from .operations import current_terms, refresh_all_deadlines

bp = Blueprint("residents", __name__)
api = Blueprint("residents_api", __name__, url_prefix="/api/v1/residents")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.add_template_global(_terms, "terms_in_force")


def _terms() -> Terms:
    """The terms in force, for the pages (the snel choice and its months)."""
    return current_terms(get_session())


@terms_changed.connect
def _recompute_deadlines(session: Session, **_: Any) -> None:
    """An admin changed a term: every caseload deadline follows in the same unit of work."""
    refresh_all_deadlines(session, current_terms(session))


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
