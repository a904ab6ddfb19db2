"""The resident page's forms for evaluations, re-assessments and activities (consultants)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user
from sqlmodel import select

from ..access import allow
from ..db import get_session
from ..models import Resident, ResidentActivity, ResidentEvent
from ..residents.views import resident_page
from ..settings.store import effective_settings
from ..terms import meedoen_evaluation, terms_from
from ..validation import InvalidInput, validate
from . import bp, operations


def _form(*names: str) -> dict[str, Any]:
    return {k: v for k in names if (v := request.form.get(k, "").strip()) != ""}


def _back(resident_id: int) -> Any:
    return redirect(url_for("residents.detail", resident_id=resident_id))


# The field ids of each form on the resident page (several forms there share field names).
_IDS = {
    "evaluatie": {"on_date": "evaluation-date", "note": "evaluation-note"},
    "herbeoordeling": {
        "on_date": "reassessment-date",
        "ontheffing_until": "reassessment-until",
        "note": "reassessment-note",
    },
    "activiteit": {
        "kind": "activity-kind",
        "description": "activity-description",
        "starts_on": "activity-start",
        "ends_on": "activity-end",
    },
}


def _refused(resident_id: int, form: str, exc: InvalidInput) -> Any:
    """The resident page again, this form with its errors and what was typed."""
    get_session().rollback()
    ids = _IDS[form]
    errors = {ids.get(name, name): message for name, message in exc.fields.items()}
    return resident_page(resident_id, 422, **{form: {"errors": errors, "values": request.form.to_dict()}})


@bp.route("/caseload/<int:resident_id>/evaluatie", methods=["POST"])
@allow("consultant")
def record_evaluation(resident_id: int) -> Any:
    """Record the meedoen evaluation with its date."""
    try:
        data = validate(operations.EvaluationForm, _form("on_date", "note"))
        operations.record_evaluation(get_session(), resident_id=resident_id, data=data, actor=current_user)
    except InvalidInput as exc:
        return _refused(resident_id, "evaluatie", exc)
    flash("De evaluatie is vastgelegd; de volgende termijn loopt vanaf die datum.", "success")
    return _back(resident_id)


@bp.route("/caseload/<int:resident_id>/herbeoordeling", methods=["POST"])
@allow("consultant")
def record_reassessment(resident_id: int) -> Any:
    """Record the re-assessment of an ontheffing, with its new end date or none."""
    try:
        data = validate(operations.ReassessmentForm, _form("on_date", "note", "ontheffing_until"))
        operations.record_reassessment(get_session(), resident_id=resident_id, data=data, actor=current_user)
    except InvalidInput as exc:
        return _refused(resident_id, "herbeoordeling", exc)
    flash("De herbeoordeling van de ontheffing is vastgelegd.", "success")
    return _back(resident_id)


@bp.route("/caseload/<int:resident_id>/activiteiten", methods=["POST"])
@allow("consultant")
def record_activity(resident_id: int) -> Any:
    """Record a self-arranged activity (counts as maatschappelijke participatie while it runs)."""
    try:
        data = validate(operations.ActivityForm, _form("kind", "description", "starts_on", "ends_on"))
        operations.record_activity(get_session(), resident_id=resident_id, data=data, actor=current_user)
    except InvalidInput as exc:
        return _refused(resident_id, "activiteit", exc)
    flash("De activiteit is vastgelegd.", "success")
    return _back(resident_id)


def resident_terms(resident: Resident) -> dict[str, Any]:
    """For the resident page's include: evaluations, re-assessments, activities and the next terms."""
    session = get_session()
    events = session.exec(
        select(ResidentEvent)
        .where(ResidentEvent.resident_id == resident.id, ResidentEvent.kind.in_(("evaluatie", "herbeoordeling")))  # type: ignore[attr-defined]
        .order_by(ResidentEvent.on_date.desc())  # type: ignore[attr-defined]
    ).all()
    activities = session.exec(
        select(ResidentActivity)
        .where(ResidentActivity.resident_id == resident.id)
        .order_by(ResidentActivity.starts_on.desc())  # type: ignore[attr-defined]
    ).all()
    terms = terms_from(effective_settings(session, current_app.config["CARROUSEL"]))
    last_evaluation = max((e.on_date for e in events if e.kind == "evaluatie"), default=None)
    return {
        "events": events,
        "activities": activities,
        "today": date.today(),
        "next_evaluation": meedoen_evaluation(terms, resident.route, resident.route_started_on, last_evaluation),
    }
