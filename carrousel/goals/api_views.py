"""JSON API of the goals: progress now and the daily snapshots (CONTRACT.md *Goals*)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from flask import jsonify
from pydantic import BaseModel, ConfigDict, Field

from ..access import allow
from ..api.frame import documented, query_args
from ..db import get_session
from . import api
from .progress import goal_progress
from .snapshots import history
from .views import current_settings


class HistoryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")


@api.route("/goals")
@allow("adviser", "admin")
@documented(summary="Voortgang naar de doelen van de carrousel")
def goals_api() -> Any:
    """Progress towards the carousel goals, with the organisations counted."""
    return jsonify(asdict(goal_progress(get_session(), current_settings())))


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
            "outflow_year_to_date": s.outflow_year_to_date,
        }
        for s in history(get_session(), query.start, query.end)
    ]
    return jsonify({"items": items, "total": len(items)})
