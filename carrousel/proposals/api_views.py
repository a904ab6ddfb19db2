"""JSON API for proposals (CONTRACT.md *Proposals*) and GET /matching/quality."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user

from ..access import allow
from ..api.frame import documented, json_body, listing, query_args
from ..db import get_session
from ..matches.api_views import public
from ..matches.service import CandidateQuery
from ..models import ConsentWithdrawal, ProposalCreate, ProposalExtend, ProposalNote, ProposalStep, ProposalSwitch
from ..residents.operations import log_access
from . import api, consent, operations
from .candidates import candidates
from .queries import ProposalFilter, describe, list_proposals, matching_quality

READERS = ("consultant", "adviser", "employer", "location")


def _one(proposal_id: int) -> dict[str, Any]:
    session = get_session()
    proposal = operations.get_proposal(session, proposal_id, current_user)
    return describe(session, [proposal], current_user)[0]


@api.route("/proposals", methods=["POST"])
@allow("consultant")
@documented(summary="Inwoner voorstellen op een werkplek", body=ProposalCreate, status=201)
@json_body(ProposalCreate)
def create(body: ProposalCreate) -> Any:
    """Propose a resident of the own caseload; the rules are checked again now."""
    session = get_session()
    proposal = operations.create_proposal(session, data=body, actor=current_user)
    return jsonify(describe(session, [proposal], current_user)[0]), 201


@api.route("/proposals", methods=["GET"])
@allow(*READERS)
@documented(summary="Voorstellen", query=ProposalFilter, listing=True)
@query_args(ProposalFilter)
def index(query: ProposalFilter) -> Any:
    """The proposals the caller may see: own caseload, all (adviser), own organisation's from consent on."""
    session = get_session()
    rows, total = list_proposals(session, current_user, query)
    for resident_id in {p.resident_id for p in rows}:
        log_access(session, current_user, resident_id, "voorstellen", "lijst van voorstellen")
    return jsonify(listing(describe(session, rows, current_user), total))


@api.route("/proposals/<int:proposal_id>", methods=["GET"])
@allow(*READERS)
@documented(summary="Eén voorstel")
def detail(proposal_id: int) -> Any:
    """One proposal with its history; 404 when the caller may not see it."""
    return jsonify(_one(proposal_id))


@api.route("/proposals/<int:proposal_id>/transition", methods=["POST"])
@allow(*READERS)
@documented(summary="Stap in het voorstel", body=ProposalStep)
@json_body(ProposalStep)
def transition(proposal_id: int, body: ProposalStep) -> Any:
    """One step of the state table; 409 invalid_transition, 403 for a role the table does not name."""
    session = get_session()
    proposal = consent.take_step(session, proposal_id=proposal_id, data=body, actor=current_user)
    return jsonify(describe(session, [proposal], current_user)[0])


@api.route("/proposals/<int:proposal_id>/switch", methods=["POST"])
@allow("consultant")
@documented(summary="Simpel Switchen: naar een andere werkplek", body=ProposalSwitch, status=201)
@json_body(ProposalSwitch)
def switch(proposal_id: int, body: ProposalSwitch) -> Any:
    """A new proposal at `consented` (no new intake); the old place ends as `switched` when the new one starts."""
    session = get_session()
    proposal = operations.switch_placement(session, proposal_id=proposal_id, data=body, actor=current_user)
    consent.record_consent(  # the consent of the new proposal is a record like any other
        session,
        proposal=proposal,
        channel=body.consent.channel,
        scope=body.consent.scope,
        on=body.on,
        actor=current_user,
    )
    return jsonify(describe(session, [proposal], current_user)[0]), 201


@api.route("/proposals/<int:proposal_id>/extend", methods=["POST"])
@allow("consultant")
@documented(summary="Plaatsing verlengen (binnen de termijn van de soort)", body=ProposalExtend)
@json_body(ProposalExtend)
def extend(proposal_id: int, body: ProposalExtend) -> Any:
    """A dated extension of the resident's place; 422 `until` beyond the type's limit."""
    session = get_session()
    proposal = operations.extend_placement(session, proposal_id=proposal_id, data=body, actor=current_user)
    return jsonify(describe(session, [proposal], current_user)[0])


@api.route("/proposals/<int:proposal_id>/consent/withdrawal", methods=["POST"])
@allow("consultant")
@documented(summary="Toestemming ingetrokken (ook na de start)", body=ConsentWithdrawal)
@json_body(ConsentWithdrawal)
def withdraw(proposal_id: int, body: ConsentWithdrawal) -> Any:
    """The resident told the consultant: before the start the proposal is withdrawn; after it the
    organisation no longer sees the resident's data and the place runs on."""
    session = get_session()
    proposal = operations.get_proposal(session, proposal_id, current_user, action="toestemming intrekken")
    consent.withdraw_consent(session, proposal=proposal, on=body.on, actor=current_user, version=body.version)
    return jsonify(describe(session, [proposal], current_user)[0])


@api.route("/proposals/<int:proposal_id>/notes", methods=["POST"])
@allow("consultant")
@documented(summary="Nazorgnotitie", body=ProposalNote, status=201)
@json_body(ProposalNote)
def note(proposal_id: int, body: ProposalNote) -> Any:
    """Nazorg: whether the place still fits; a step in the history."""
    session = get_session()
    operations.add_nazorg_note(session, proposal_id=proposal_id, data=body, actor=current_user)
    return jsonify(_one(proposal_id)), 201


@api.route("/placements/<int:placement_id>/candidates")
@allow("consultant", "adviser", "employer", "location")
@documented(summary="Kandidaten voor een werkplek", query=CandidateQuery)
@query_args(CandidateQuery)
def candidates_api(placement_id: int, query: CandidateQuery) -> Any:
    """Ranked residents for a placement; only codes, never health or indication data, outside the own caseload."""
    result = candidates(get_session(), placement_id=placement_id, actor=current_user, limit=query.limit)
    return jsonify(public(result, "placement"))


@api.route("/matching/quality", methods=["GET"])
@allow("adviser", "admin")
@documented(summary="Wat de ranking waard is: voorstellen per rangpositie")
def quality() -> Any:
    """Proposals, starts and hires by the rank each proposal had when made."""
    return jsonify(matching_quality(get_session()))
