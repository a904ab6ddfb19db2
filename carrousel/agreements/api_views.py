"""JSON for the agreement and the evaluation (consultant drafts, organisation acknowledges and evaluates)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user

from ..access import allow
from ..api.frame import documented, json_body
from ..db import get_session
from ..models.agreements import AgreementDraft, EvaluationFiling
from . import api, operations


@api.route("/proposals/<int:proposal_id>/agreement", methods=["POST"])
@allow("consultant")
@documented(summary="Afspraken over de werkplek vastleggen of wijzigen", body=AgreementDraft)
@json_body(AgreementDraft)
def draft(proposal_id: int, body: AgreementDraft) -> Any:
    """The consultant drafts the agreement from the introduction on; a change clears the acknowledgements."""
    agreement = operations.draft_agreement(get_session(), proposal_id=proposal_id, data=body, actor=current_user)
    return jsonify(agreement.public())


@api.route("/proposals/<int:proposal_id>/agreement/acknowledge", methods=["POST"])
@allow("employer", "location")
@documented(summary="Afspraken bevestigen (organisatie)")
def acknowledge(proposal_id: int) -> Any:
    """The placement's organisation acknowledges the agreement."""
    agreement = operations.acknowledge_by_organisation(get_session(), proposal_id=proposal_id, actor=current_user)
    return jsonify(agreement.public())


@api.route("/proposals/<int:proposal_id>/evaluation", methods=["POST"])
@allow("employer", "location")
@documented(summary="Evaluatie na afloop indienen (organisatie)", body=EvaluationFiling, status=201)
@json_body(EvaluationFiling)
def evaluate(proposal_id: int, body: EvaluationFiling) -> Any:
    """At or after the end: attendance, skills seen, recommendation and text."""
    evaluation = operations.file_evaluation(get_session(), proposal_id=proposal_id, data=body, actor=current_user)
    return jsonify(evaluation.public()), 201
