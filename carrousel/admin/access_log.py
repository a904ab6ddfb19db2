"""The access log page: who saw or changed which resident, searchable, and its export."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, render_template, request

from ..access import allow
from ..db import get_session
from ..organisations.tabular import write_table
from ..paging import page_from_request
from ..validation import InvalidInput, validate
from . import bp
from .access_log_queries import AccessLogFilter, count, filtered, readable, users_in_log

FILTER_KEYS = ("q", "gebruiker", "van", "tot")
EXPORT_LIMIT = 50_000  # rows in one export; narrow the filters for more
LABELS = {"q": "Inwoner", "gebruiker": "Gebruiker", "van": "Van", "tot": "Tot en met"}


def _filters() -> AccessLogFilter:
    raw = {k: v for k, v in request.args.items() if k in FILTER_KEYS and v.strip()}
    try:
        return validate(AccessLogFilter, raw)
    except InvalidInput as exc:
        names = ", ".join(LABELS.get(name, name) for name in exc.fields)
        flash(f"Een filter had een ongeldige waarde en is genegeerd: {names}.", "error")
        return AccessLogFilter()


@bp.route("/toegangslog")
@allow("admin")
def access_log() -> Any:
    """Who viewed or changed which resident record; search by code or name, user and dates."""
    session = get_session()
    page = page_from_request()
    filters = _filters()
    query = filtered(session, filters)
    rows = list(session.exec(query.offset(page.offset).limit(page.size)).all())
    return render_template(
        "admin/access_log.html",
        rows=readable(session, rows),
        page=page.with_total(count(session, query)),
        filters=filters,
        users=users_in_log(session),
        args={k: v for k, v in request.args.items() if k in FILTER_KEYS},
    )


@bp.route("/toegangslog.csv")
@allow("admin")
def access_log_export() -> Any:
    """The filtered log as CSV (separated by ';' for Dutch Excel), in local time."""
    session = get_session()
    filters = _filters()
    rows = readable(session, list(session.exec(filtered(session, filters).limit(EXPORT_LIMIT)).all()))
    columns = ("tijdstip", "gebruiker", "inwoner", "handeling", "details", "inwoners in lijst")
    table = [
        {
            "tijdstip": row.at.strftime("%Y-%m-%d %H:%M:%S"),
            "gebruiker": row.user,
            "inwoner": row.resident,
            "handeling": row.action,
            "details": row.detail,
            "inwoners in lijst": row.residents,
        }
        for row in rows
    ]
    return Response(
        write_table(table, columns, "csv"),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="toegangslog.csv"'},
    )
