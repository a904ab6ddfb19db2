"""GET /api/v1/reminders and POST /api/v1/reminders/{id}/done (CONTRACT.md)."""

from __future__ import annotations

from typing import Any, Literal

from flask import jsonify
from flask_login import current_user
from pydantic import ConfigDict

from ..access import allow
from ..api.frame import PageQuery, documented, listing, query_args
from ..db import get_session
from ..models import Reminder
from . import api, operations
from .queries import list_reminders


class ReminderQuery(PageQuery):
    model_config = ConfigDict(extra="forbid")

    status: Literal["open", "done"] = "open"


def reminder_json(r: Reminder) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind,
        "due_on": r.due_on.isoformat(),
        "text": r.text,
        "status": r.status,
        "resident_id": r.resident_id,
        "placement_id": r.placement_id,
        "proposal_id": r.proposal_id,
        "organisation_id": r.organisation_id,
        "done_at": r.done_at.isoformat() if r.done_at else None,
    }


@api.route("")
@allow("consultant", "adviser")
@documented(summary="Mijn herinneringen", query=ReminderQuery, listing=True)
@query_args(ReminderQuery)
def list_api(query: ReminderQuery) -> Any:
    """The user's own reminders, filtered by status."""
    rows, total = list_reminders(
        get_session(), user_id=current_user.id, status=query.status, limit=query.limit, offset=query.offset
    )
    return jsonify(listing([reminder_json(r) for r in rows], total))


@api.route("/<int:reminder_id>/done", methods=["POST"])
@allow("consultant", "adviser")
@documented(summary="Herinnering afhandelen")
def done_api(reminder_id: int) -> Any:
    """Mark one of the user's own reminders done."""
    return jsonify(reminder_json(operations.mark_done(get_session(), reminder_id=reminder_id, actor=current_user)))
