"""The carousel's goals: progress against the targets, the history of daily snapshots."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, render_template
from pydantic import BaseModel, ConfigDict, Field

from ..access import allow
from ..api.frame import documented, query_args
from ..db import get_session
from ..settings.store import effective_settings
from .chart import MIN_POINTS, charts, percent, with_today
from .measures import goal_figures
from .progress import goal_progress
from .snapshots import history

bp = Blueprint("goals", __name__)
api = Blueprint("goals_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.add_template_filter(percent, "procent")


class HistoryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")


def _settings() -> dict[str, Any]:
    return effective_settings(get_session(), current_app.config["CARROUSEL"])


@bp.route("/doelen")
@allow("adviser", "admin")
def index() -> Any:
    """Each goal with its progress, its course over time, and the organisations to chase."""
    session = get_session()
    settings = _settings()
    progress = goal_progress(session, settings)
    today = date.today()
    snapshots = with_today(history(session, None, today)[-364:], goal_figures(session, settings, today), today)
    return render_template(
        "goals/index.html",
        progress=progress,
        snapshots=snapshots,
        charts=charts(snapshots, settings["goals"]),
        min_points=MIN_POINTS,
        today=today,
    )


@api.route("/goals")
@allow("adviser", "admin")
@documented(summary="Voortgang naar de doelen van de carrousel")
def goals_api() -> Any:
    """Progress towards the carousel goals, with the organisations counted."""
    return jsonify(asdict(goal_progress(get_session(), _settings())))


@api.route("/goals/history")
@allow("adviser", "admin")
@documented(summary="De doelen per dag (momentopnamen)", query=HistoryQuery, listing=True)
@query_args(HistoryQuery)
def goals_history(query: HistoryQuery) -> Any:
    """One item per snapshot day, shares as fractions from 0 to 1."""
    items = [
        {
            "date": s.day.isoformat(),
            "employers": s.employers,
            "locations": s.locations,
            "participation_share": round(s.participation_share, 4),
            "classified_share": round(s.classified_share, 4),
            "ontheffing_share": round(s.ontheffing_share, 4),
        }
        for s in history(get_session(), query.start, query.end)
    ]
    return jsonify({"items": items, "total": len(items)})
