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
from ..settings.store import effective_settings
from ..terms import meedoen_evaluation, terms_from
from ..validation import validate
from . import bp, operations


def _form(*names: str) -> dict[str, Any]:
    return {k: v for k in names if (v := request.form.get(k, "").strip()) != ""}


def _back(resident_id: int) -> Any:
    return redirect(url_for("residents.detail", resident_id=resident_id))


@bp.route("/caseload/<int:resident_id>/evaluatie", methods=["POST"])
@allow("consultant")
def record_evaluation(resident_id: int) -> Any:
    """Record the meedoen evaluation with its date."""
    data = validate(operations.EvaluationForm, _form("on_date", "note"))
    operations.record_evaluation(get_session(), resident_id=resident_id, data=data, actor=current_user)
    flash("De evaluatie is vastgelegd; de volgende termijn loopt vanaf die datum.", "success")
    return _back(resident_id)


@bp.route("/caseload/<int:resident_id>/herbeoordeling", methods=["POST"])
@allow("consultant")
def record_reassessment(resident_id: int) -> Any:
    """Record the re-assessment of an ontheffing, with its new end date or none."""
    data = validate(operations.ReassessmentForm, _form("on_date", "note", "ontheffing_until"))
    operations.record_reassessment(get_session(), resident_id=resident_id, data=data, actor=current_user)
    flash("De herbeoordeling van de ontheffing is vastgelegd.", "success")
    return _back(resident_id)


@bp.route("/caseload/<int:resident_id>/activiteiten", methods=["POST"])
@allow("consultant")
def record_activity(resident_id: int) -> Any:
    """Record a self-arranged activity (counts as maatschappelijke participatie while it runs)."""
    data = validate(operations.ActivityForm, _form("kind", "description", "starts_on", "ends_on"))
    operations.record_activity(get_session(), resident_id=resident_id, data=data, actor=current_user)
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
