"""Functioneel beheer: the start page, accounts, settings and the access log."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, render_template, request
from sqlalchemy import func
from sqlmodel import select

from ..access import allow
from ..db import get_session
from ..models import AccessLog, User
from ..paging import page_from_request

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def register(app: Flask) -> None:
    from . import accounts  # noqa: F401  (register the routes)

    app.register_blueprint(bp)


@bp.route("/toegangslog")
@allow("admin")
def access_log() -> Any:
    """Who viewed or changed which resident record."""
    session = get_session()
    page = page_from_request()
    query = select(AccessLog)
    resident = request.args.get("resident_id", "")
    if resident.isdigit():
        query = query.where(AccessLog.resident_id == int(resident))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(AccessLog.id.desc()).offset(page.offset).limit(page.size)).all()  # type: ignore[union-attr]
    emails = dict(session.exec(select(User.id, User.email)).all())
    return render_template(
        "admin/access_log.html", rows=rows, emails=emails, page=page.with_total(total), resident=resident
    )
