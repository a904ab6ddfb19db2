"""The routes of the use cases: the erasure button on the resident's page and its API."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from ..access import allow
from ..api.frame import documented
from ..db import get_session
from ..residents import api, bp
from ..residents.views import resident_page
from .erasure import erase_resident


@bp.route("/caseload/<int:resident_id>/wissen", methods=["POST"])
@allow("consultant")
def erase(resident_id: int) -> Any:
    """Erase the resident's personal data after confirmation."""
    if request.form.get("confirm") != "1":  # the page again, the form with its error (issue 20)
        errors = {"confirm": "Vink aan dat u de gegevens definitief wilt wissen."}
        return resident_page(resident_id, 422, wissen={"errors": errors, "values": {}})
    erase_resident(get_session(), resident_id=resident_id, actor=current_user)
    flash("De persoonsgegevens zijn gewist.", "success")
    return redirect(url_for("residents.index"))


@api.route("/<int:resident_id>/erase", methods=["POST"], endpoint="erase")
@allow("consultant")
@documented(summary="Persoonsgegevens van een inwoner wissen")
def erase_api(resident_id: int) -> Any:
    """Remove the resident's personal data; anonymous counts remain."""
    erase_resident(get_session(), resident_id=resident_id, actor=current_user)
    return "", 204
