"""The goals page: each goal with its progress, its course over time, and whom to chase."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, render_template

from ..access import allow
from ..db import get_session
from ..models.residents import OUTFLOW_LABELS
from ..settings.store import effective_settings
from ..templating import MONTHS
from . import bp
from .chart import MIN_POINTS, charts, with_today
from .measures import goal_figures
from .progress import goal_progress, outflow_months
from .snapshots import history


def current_settings() -> dict[str, Any]:
    return effective_settings(get_session(), current_app.config["CARROUSEL"])


@bp.route("/doelen")
@allow("adviser", "admin")
def index() -> Any:
    """Each goal with its progress, its course over time, and the organisations to chase."""
    session = get_session()
    settings = current_settings()
    progress = goal_progress(session, settings)
    today = date.today()
    # Today's row is the live count the targets are judged on: one figure per fact (issue 20).
    snapshots = with_today(history(session, None, today)[-364:], goal_figures(session, settings, today), today)
    return render_template(
        "goals/index.html",
        progress=progress,
        snapshots=snapshots,
        charts=charts(snapshots, settings["goals"]),
        min_points=MIN_POINTS,
        today=today,
        outflow_months=outflow_months(session),
        outflow_labels=OUTFLOW_LABELS,
        month_names=MONTHS,
    )
