"""The consultant's side: a sign-in link to hand over (copy or QR code), the readable inzage."""

from __future__ import annotations

from typing import Any

import segno
from flask import render_template
from flask_login import current_user

from ..access import allow
from ..db import get_session
from ..residents.operations import get_resident
from . import consultant, operations, queries
from .words import long_date


@consultant.route("/caseload/<int:resident_id>/inloglink", methods=["POST"])
@allow("consultant")
def make_link(resident_id: int) -> Any:
    """Make a new sign-in link (older ones end): shown once, to copy or print as a QR code."""
    db = get_session()
    url, expires_at, mailed = operations.make_link(db, resident_id=resident_id, actor=current_user)
    resident = get_resident(db, resident_id, current_user, action="inloglink")
    qr = segno.make(url, error="m").svg_data_uri(scale=4)
    return render_template(
        "ik/link_made.html",
        resident=resident,
        url=url,
        expires=long_date(expires_at.date()),
        mailed=mailed,
        qr=qr,
    )


@consultant.route("/caseload/<int:resident_id>/inzage")
@allow("consultant")
def inzage(resident_id: int) -> Any:
    """The AVG inzage as the resident reads it, beside the JSON export."""
    db = get_session()
    resident = get_resident(db, resident_id, current_user, action="exporteren")
    return render_template("ik/inzage.html", doc=queries.inzage(db, resident), own=False, resident=resident)
