"""The carousel's goals: connected employers and locations against the targets."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, render_template

from ..access import allow
from ..api.frame import documented
from ..db import get_session
from .progress import goal_progress

bp = Blueprint("goals", __name__)
api = Blueprint("goals_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)


@bp.route("/doelen")
@allow("adviser", "admin")
def index() -> Any:
    """Connected organisations against the targets, with the list behind each number."""
    progress = goal_progress(get_session(), current_app.config["CARROUSEL"]["goals"])
    return render_template("goals/index.html", progress=progress)


@api.route("/goals")
@allow("adviser", "admin")
@documented(summary="Voortgang naar de doelen van de carrousel")
def goals_api() -> Any:
    """Progress towards the carousel goals, with the organisations counted."""
    return jsonify(asdict(goal_progress(get_session(), current_app.config["CARROUSEL"]["goals"])))
