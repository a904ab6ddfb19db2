"""The start page (what this role does next) and the health check for load balancers."""

from __future__ import annotations

from typing import Any

from flask import jsonify, render_template
from flask_login import current_user
from sqlalchemy import text

from ..access import public
from ..db import get_session
from . import bp
from .dashboard import dashboard_for


@bp.route("/")
@public
def index() -> Any:
    """The start page: what this role does next, or the way in for a visitor."""
    if not current_user.is_authenticated:
        return render_template("home/welcome.html")
    return render_template("home/index.html", **dashboard_for(current_user))


@bp.route("/gezondheid")
@public
def health() -> Any:
    """Liveness and database check for load balancers."""
    get_session().exec(text("SELECT 1"))  # type: ignore[call-overload]
    return jsonify(status="ok")
