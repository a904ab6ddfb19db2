"""The page /herinneringen: the user's own reminders, open or done, with a done button."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allow
from ..db import get_session
from ..paging import page_from_request
from . import bp, operations
from .queries import list_reminders, resident_names
from .rules import KINDS

STATUSES = {"open": "Open", "done": "Afgehandeld"}


@bp.route("/herinneringen")
@allow("consultant", "adviser")
def index() -> Any:
    """The user's reminders, open ones soonest first."""
    status = request.args.get("status", "open")
    if status not in STATUSES:
        status = "open"
    page = page_from_request()
    session = get_session()
    rows, total = list_reminders(session, user_id=current_user.id, status=status, limit=page.size, offset=page.offset)
    names = resident_names(session, {r.resident_id for r in rows if r.resident_id}, current_user.id)
    return render_template(
        "reminders/index.html",
        reminders=rows,
        status=status,
        statuses=STATUSES,
        kinds=KINDS,
        page=page.with_total(total),
        names=names,
    )


@bp.route("/herinneringen/<int:reminder_id>/afgehandeld", methods=["POST"])
@allow("consultant", "adviser")
def done(reminder_id: int) -> Any:
    """Mark one of the user's reminders done."""
    operations.mark_done(get_session(), reminder_id=reminder_id, actor=current_user)
    flash("De herinnering is afgehandeld.", "success")
    return redirect(url_for("reminders.index", status="open"))
