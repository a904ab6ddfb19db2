"""JSON for the resident (bearer token from a link) and the consultant's link endpoint."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from ..access import RESIDENT, allow, public
from ..agreements.operations import acknowledge_by_resident, confirm_by_resident
from ..api.frame import documented, json_body
from ..audit import log_own_access
from ..auth import resident as resident_auth
from ..db import get_session
from . import api, operations, queries
from .operations import Availability, Consent


class LinkAnswer(BaseModel):
    url: str
    expires_at: str


class ResidentTokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    link: str = Field(min_length=1, max_length=200)


class ResidentTokenAnswer(BaseModel):
    token: str
    expires_at: str


class EvaluationConfirmation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: str = Field(default="", max_length=2000)


@api.route("/residents/<int:resident_id>/link", methods=["POST"])
@allow("consultant")
@documented(summary="Inloglink voor de inwoner maken", answer=LinkAnswer, status=201)
def make_link(resident_id: int) -> Any:
    """A sign-in link for a resident of the own or shared caseload; older links end."""
    url, expires_at, _mailed = operations.make_link(get_session(), resident_id=resident_id, actor=current_user)
    return jsonify(url=url, expires_at=expires_at.isoformat()), 201


@api.route("/auth/resident-token", methods=["POST"])
@public
@documented(
    summary="Token voor de inwoner met een inloglink",
    body=ResidentTokenRequest,
    answer=ResidentTokenAnswer,
    auth=False,
    status=201,
)
@json_body(ResidentTokenRequest)
def resident_token(body: ResidentTokenRequest) -> Any:
    """Exchange the link's token part for a bearer token that reaches only /resident/*."""
    session = get_session()
    secret = body.link.rsplit("/", 1)[-1]  # the whole url works too
    token, expires_at, resident_id = resident_auth.redeem_link(
        session, link=secret, kind="api", address=request.remote_addr or "onbekend"
    )
    log_own_access(session, resident_id, "inloggen")
    return jsonify(token=token, expires_at=expires_at.isoformat()), 201


def _resident() -> Any:
    return operations.own_resident(get_session(), current_user)


@api.route("/resident/me", methods=["GET"])
@allow(RESIDENT)
@documented(summary="Mijn gegevens (inwoner)")
def me() -> Any:
    """The resident's own data in plain words."""
    resident = _resident()
    log_own_access(get_session(), resident.id, "bekijken")
    return jsonify(queries.me(resident))


@api.route("/resident/availability", methods=["POST"])
@allow(RESIDENT)
@documented(summary="Klopt dit nog? (inwoner)", body=Availability)
@json_body(Availability)
def availability(body: Availability) -> Any:
    """Hours, wishes and still looking, confirmed today."""
    resident = operations.confirm_availability(get_session(), actor=current_user, data=body)
    return jsonify(queries.me(resident))


@api.route("/resident/proposals", methods=["GET"])
@allow(RESIDENT)
@documented(summary="Mijn voorstellen (inwoner)")
def proposals() -> Any:
    """Own proposals: placement, organisation, status and the next step."""
    session = get_session()
    items = queries.own_proposals(session, current_user.resident_id)
    log_own_access(session, current_user.resident_id, "voorstellen")
    return jsonify(items=items, total=len(items))


@api.route("/resident/proposals/<int:proposal_id>/consent", methods=["POST"])
@allow(RESIDENT)
@documented(summary="Toestemming geven of intrekken (inwoner)", body=Consent)
@json_body(Consent)
def consent(proposal_id: int, body: Consent) -> Any:
    """Consent (channel online) or its withdrawal."""
    session = get_session()
    proposal = operations.consent(session, actor=current_user, proposal_id=proposal_id, data=body)
    item = next(p for p in queries.own_proposals(session, current_user.resident_id) if p["id"] == proposal.id)
    return jsonify(item)


@api.route("/resident/agreements/<int:proposal_id>/acknowledge", methods=["POST"])
@allow(RESIDENT)
@documented(summary="Afspraken bevestigen (inwoner)")
def acknowledge(proposal_id: int) -> Any:
    """The resident acknowledges the placement agreement."""
    session = get_session()
    acknowledge_by_resident(session, resident_id=current_user.resident_id, proposal_id=proposal_id)
    item = next(p for p in queries.own_proposals(session, current_user.resident_id) if p["id"] == proposal_id)
    return jsonify(item)


@api.route("/resident/evaluations/<int:proposal_id>/confirm", methods=["POST"])
@allow(RESIDENT)
@documented(summary="Evaluatie bevestigen met een reactie (inwoner)", body=EvaluationConfirmation)
@json_body(EvaluationConfirmation)
def confirm_evaluation(proposal_id: int, body: EvaluationConfirmation) -> Any:
    """The resident confirms the organisation's evaluation, with a comment."""
    session = get_session()
    confirm_by_resident(session, resident_id=current_user.resident_id, proposal_id=proposal_id, comment=body.comment)
    item = next(p for p in queries.own_proposals(session, current_user.resident_id) if p["id"] == proposal_id)
    return jsonify(item)


@api.route("/resident/inzage", methods=["GET"])
@allow(RESIDENT)
@documented(summary="Alles wat over mij bewaard wordt (inwoner, AVG-inzage)")
def inzage() -> Any:
    """Everything kept about the resident, readable."""
    session = get_session()
    resident = _resident()
    log_own_access(session, resident.id, "inzage")
    return jsonify(queries.inzage(session, resident))
