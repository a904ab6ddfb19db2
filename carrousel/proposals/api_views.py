"""JSON API for proposals (CONTRACT.md *Proposals*) and GET /matching/quality."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from ..access import allow
from ..api.frame import documented, json_body, listing, query_args
from ..db import get_session
from ..models.proposals import IntroductionKind, Outcome, ProposalStatus
from ..residents.operations import log_access
from . import api, operations
from .consent import ConsentGiven
from .queries import ProposalFilter, describe, list_proposals, matching_quality

READERS = ("consultant", "adviser", "employer", "location")


class ProposalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resident_id: int
    placement_id: int
    motivation: str = Field(default="", max_length=2000)


class TransitionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: ProposalStatus
    on: date | None = None
    reason: str = Field(default="", max_length=1000)
    outcome: Outcome | None = None
    kind: IntroductionKind | None = None  # introduced: kennismaking (default) or driegesprek
    end_date: date | None = None  # started: earlier than the type's time limit
    version: int | None = None


class SwitchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    placement_id: int
    motivation: str = Field(default="", max_length=2000)
    consent: ConsentGiven  # the resident agreed to the new place: the new proposal starts at `consented`
    on: date | None = None
    version: int | None = None


class ExtendBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    until: date
    reason: str = Field(default="", max_length=1000)
    version: int | None = None


class NoteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(max_length=1000)
    on: date | None = None


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
    proposal = operations.create_proposal(
        session,
        resident_id=body.resident_id,
        placement_id=body.placement_id,
        motivation=body.motivation,
        actor=current_user,
    )
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
@documented(summary="Stap in het voorstel", body=TransitionBody)
@json_body(TransitionBody)
def transition(proposal_id: int, body: TransitionBody) -> Any:
    """One step of the state table; 409 invalid_transition, 403 for a role the table does not name."""
    session = get_session()
    proposal = operations.transition(
        session,
        proposal_id=proposal_id,
        to=body.to,
        actor=current_user,
        on=body.on,
        reason=body.reason,
        outcome=body.outcome,
        kind=body.kind,
        end_date=body.end_date,
        version=body.version,
    )
    return jsonify(describe(session, [proposal], current_user)[0])


@api.route("/proposals/<int:proposal_id>/switch", methods=["POST"])
@allow("consultant")
@documented(summary="Simpel Switchen: naar een andere werkplek", body=SwitchBody, status=201)
@json_body(SwitchBody)
def switch(proposal_id: int, body: SwitchBody) -> Any:
    """A new proposal at `consented` (no new intake); the old place ends as `switched` when the new one starts."""
    session = get_session()
    proposal = operations.switch_placement(
        session,
        proposal_id=proposal_id,
        placement_id=body.placement_id,
        actor=current_user,
        consent=body.consent,
        on=body.on,
        motivation=body.motivation,
        version=body.version,
    )
    return jsonify(describe(session, [proposal], current_user)[0]), 201


@api.route("/proposals/<int:proposal_id>/extend", methods=["POST"])
@allow("consultant")
@documented(summary="Plaatsing verlengen (binnen de termijn van de soort)", body=ExtendBody)
@json_body(ExtendBody)
def extend(proposal_id: int, body: ExtendBody) -> Any:
    """A dated extension of the resident's place; 422 `until` beyond the type's limit."""
    session = get_session()
    proposal = operations.extend_placement(
        session, proposal_id=proposal_id, until=body.until, reason=body.reason, actor=current_user, version=body.version
    )
    return jsonify(describe(session, [proposal], current_user)[0])


@api.route("/proposals/<int:proposal_id>/notes", methods=["POST"])
@allow("consultant")
@documented(summary="Nazorgnotitie", body=NoteBody, status=201)
@json_body(NoteBody)
def note(proposal_id: int, body: NoteBody) -> Any:
    """Nazorg: whether the place still fits; a step in the history."""
    session = get_session()
    operations.add_nazorg_note(session, proposal_id=proposal_id, note=body.note, actor=current_user, on=body.on)
    return jsonify(_one(proposal_id)), 201


@api.route("/matching/quality", methods=["GET"])
@allow("adviser", "admin")
@documented(summary="Wat de ranking waard is: voorstellen per rangpositie")
def quality() -> Any:
    """Proposals, starts and hires by the rank each proposal had when made."""
    return jsonify(matching_quality(get_session()))
