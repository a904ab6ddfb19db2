"""Pages for the agreement and the evaluation: the consultant drafts, the organisation acknowledges and evaluates."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allow
from ..db import get_session
from ..forms import form_to_dict
from ..models.agreements import AgreementDraft, EvaluationFiling
from ..proposals.operations import get_proposal
from ..validation import InvalidInput, validate
from . import bp, operations

ATTENDANCE = [("good", "Altijd op tijd aanwezig"), ("mixed", "Meestal aanwezig"), ("poor", "Vaak afwezig")]
RECOMMENDATION = [
    ("hire", "Klaar voor betaald werk"),
    ("extend", "Langer op deze plek blijven"),
    ("next_step", "Een volgende stap op een andere plek"),
    ("stop", "Stoppen en iets anders zoeken"),
]
LABELS = {
    "tasks": "taken",
    "hours_per_week": "uren per week",
    "schedule": "werktijden",
    "supervisor": "begeleider",
    "start_on": "startdatum",
    "end_on": "einddatum",
    "support": "ondersteuning",
    "attendance": "aanwezigheid",
    "skills": "wat de inwoner goed deed",
    "recommendation": "advies",
    "text": "toelichting",
}


def _page(proposal_id: int, errors: dict[str, str], values: dict[str, Any], status: int = 200) -> Any:
    db = get_session()
    proposal = get_proposal(db, proposal_id, current_user, action="afspraken")
    agreement = operations.agreement_of(db, proposal_id)
    evaluation = operations.evaluation_of(db, proposal_id)
    if not values and agreement is not None:
        values = agreement.model_dump(mode="json")
    return (
        render_template(
            "agreements/page.html",
            proposal=proposal,
            agreement=agreement,
            evaluation=evaluation,
            errors=errors,
            values=values,
            labels=LABELS,
            attendance=ATTENDANCE,
            recommendation=RECOMMENDATION,
        ),
        status,
    )


@bp.route("/voorstellen/<int:proposal_id>/afspraken")
@allow("consultant", "employer", "location", "adviser")
def page(proposal_id: int) -> Any:
    """The agreement and the evaluation of one proposal, with what this user may do."""
    return _page(proposal_id, {}, {})


@bp.route("/voorstellen/<int:proposal_id>/afspraken", methods=["POST"])
@allow("consultant")
def draft(proposal_id: int) -> Any:
    """The consultant saves the agreement; a change asks the others again."""
    values = form_to_dict(request.form, keep_blank=("end_on", "support"))
    data = {k: v for k, v in values.items() if k in LABELS or k == "version"}
    if data.get("end_on") == "":
        data["end_on"] = None
    try:
        operations.draft_agreement(
            get_session(), proposal_id=proposal_id, data=validate(AgreementDraft, data), actor=current_user
        )
    except InvalidInput as exc:
        return _page(proposal_id, exc.fields, values, 422)
    flash("De afspraken zijn opgeslagen. De organisatie en de inwoner bevestigen ze.", "success")
    return redirect(url_for("agreements.page", proposal_id=proposal_id))


@bp.route("/voorstellen/<int:proposal_id>/afspraken/bevestigen", methods=["POST"])
@allow("employer", "location")
def acknowledge(proposal_id: int) -> Any:
    """The organisation acknowledges the agreement."""
    operations.acknowledge_by_organisation(get_session(), proposal_id=proposal_id, actor=current_user)
    flash("U heeft de afspraken bevestigd.", "success")
    return redirect(url_for("agreements.page", proposal_id=proposal_id))


@bp.route("/voorstellen/<int:proposal_id>/evaluatie", methods=["POST"])
@allow("employer", "location")
def evaluate(proposal_id: int) -> Any:
    """The organisation files the evaluation after the end."""
    values = form_to_dict(request.form, keep_blank=("text",))
    data = {k: v for k, v in values.items() if k in ("attendance", "skills", "recommendation", "text")}
    try:
        operations.file_evaluation(
            get_session(), proposal_id=proposal_id, data=validate(EvaluationFiling, data), actor=current_user
        )
    except InvalidInput as exc:
        return _page(proposal_id, exc.fields, values, 422)
    flash("De evaluatie is opgeslagen. De inwoner kan erop reageren.", "success")
    return redirect(url_for("agreements.page", proposal_id=proposal_id))
