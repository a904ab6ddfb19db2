"""Pages: close and reopen a case from the resident page (with confirmation, errors in place)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user

from ..access import allow
from ..admin import bp as admin_bp
from ..admin.accounts import user_page
from ..auth import service as accounts
from ..db import get_session
from ..errors import ApiError
from ..models.residents import OUTFLOW_LABELS
from ..parsing import parse_int
from ..residents.operations import get_resident
from ..residents.views import detail_page
from ..terms import terms_from
from ..validation import InvalidInput
from . import bp, operations
from .handover import deactivate_user

# The page's field names (the resident page has other forms with an `on` or a `reason`).
CLOSE_FIELDS = {"on": "closed_on", "reason": "outflow_reason"}
REOPEN_FIELDS = {"on": "reopened_on"}


def _day(raw: str | None, field: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput({field: "Vul een geldige datum in."}) from None


def _refused(resident_id: int, exc: ApiError | InvalidInput, names: dict[str, str]) -> Any:
    session = get_session()
    session.rollback()
    if isinstance(exc, InvalidInput):
        errors, status = {names.get(k, k): v for k, v in exc.fields.items()}, 422
    else:
        errors, status = {"case": exc.message}, exc.status
    resident = get_resident(session, resident_id, current_user)
    return detail_page(resident, status, case_errors=errors, case_form=dict(request.form))


@bp.route("/caseload/<int:resident_id>/afsluiten", methods=["POST"])
@allow("consultant")
def close(resident_id: int) -> Any:
    """Close the case with an outflow reason."""
    form = request.form
    try:
        reason = form.get("outflow_reason", "")
        if reason not in OUTFLOW_LABELS:
            raise InvalidInput({"reason": "Kies de reden van uitstroom."})
        operations.close_case(
            get_session(),
            resident_id=resident_id,
            on=_day(form.get("closed_on"), "on"),
            reason=reason,
            actor=current_user,
            terms=terms_from(current_app.config["CARROUSEL"]),
        )
    except (ApiError, InvalidInput) as exc:
        if isinstance(exc, ApiError) and exc.status in (403, 404):
            raise
        return _refused(resident_id, exc, CLOSE_FIELDS)
    flash("Het dossier is gesloten.", "success")
    return redirect(url_for("residents.detail", resident_id=resident_id))


@bp.route("/caseload/<int:resident_id>/heropenen", methods=["POST"])
@allow("consultant")
def reopen(resident_id: int) -> Any:
    """Reopen a closed case."""
    try:
        operations.reopen_case(
            get_session(),
            resident_id=resident_id,
            on=_day(request.form.get("reopened_on"), "on"),
            actor=current_user,
        )
    except (ApiError, InvalidInput) as exc:
        if isinstance(exc, ApiError) and exc.status in (403, 404):
            raise
        return _refused(resident_id, exc, REOPEN_FIELDS)
    flash("Het dossier is heropend.", "success")
    return redirect(url_for("residents.detail", resident_id=resident_id))


@admin_bp.route("/gebruikers/<int:user_id>/actief", methods=["POST"], endpoint="set_active")
@allow("admin")
def set_active(user_id: int) -> Any:
    """Deactivate or reactivate an account; a consultant's caseload goes to the chosen successor."""
    active = request.form.get("active") == "1"
    if user_id == current_user.id and not active:
        errors = {"active": "U kunt uw eigen account niet deactiveren; vraag dat aan een andere beheerder."}
        return user_page(user_id, errors=errors), 422
    if active:
        account = accounts.set_active(get_session(), user_id=user_id, active=True)
    else:
        try:  # a caseload never orphans
            account = deactivate_user(
                get_session(),
                user_id=user_id,
                successor_id=parse_int(request.form.get("successor_id") or None, low=1),
                actor=current_user,
            )
        except (InvalidInput, ApiError) as exc:
            if isinstance(exc, ApiError) and exc.status != 409:
                raise
            get_session().rollback()
            errors = exc.fields if isinstance(exc, InvalidInput) else {"successor_id": exc.message}
            status = 422 if isinstance(exc, InvalidInput) else 409
            return user_page(user_id, errors=errors, form=request.form), status
    flash(f"{account.email} is {'geactiveerd' if active else 'gedeactiveerd'}.", "success")
    return redirect(url_for("admin.users"))
