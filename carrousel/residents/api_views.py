"""JSON API for residents and ABC measurements (consultants, own caseload only)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import select

from ..access import allow
from ..api.frame import documented, json_body, listing, query_args
from ..db import get_session
from ..models import AbcMeasurementCreate, ResidentCreate, ResidentEvent, ResidentUpdate
from ..terms import Terms
from . import api, operations
from .operations import TIMELINE_ORDER
from .queries import CaseloadFilter, list_caseload, places_of, resident_json


def _terms() -> Terms:
    return operations.current_terms(get_session())


@api.route("", methods=["GET"])
@allow("consultant")
@documented(summary="Caseload", query=CaseloadFilter, answer=ResidentCreate, listing=True)
@query_args(CaseloadFilter)
def index(query: CaseloadFilter) -> Any:
    """The caller's caseload: own residents and those shared with them."""
    session = get_session()
    rows, total = list_caseload(session, current_user, query)
    operations.log_access(
        session, current_user, None, "caseload", f"{len(rows)} inwoners via API", resident_ids=[r.id for r in rows]
    )
    terms = _terms()
    places = places_of(session, [r.id for r in rows])
    return jsonify(listing([resident_json(r, terms, places=places) for r in rows], total))


@api.route("", methods=["POST"])
@allow("consultant")
@documented(summary="Inwoner vastleggen", body=ResidentCreate, status=201)
@json_body(ResidentCreate)
def create(body: ResidentCreate) -> Any:
    """Record a resident in the caller's caseload."""
    resident = operations.create_resident(get_session(), data=body, actor=current_user)
    return jsonify(resident_json(resident, _terms(), get_session())), 201


@api.route("/<int:resident_id>", methods=["GET"])
@allow("consultant")
@documented(summary="Eén inwoner")
def detail(resident_id: int) -> Any:
    """One resident of the caller's caseload (404 for any other)."""
    resident = operations.get_resident(get_session(), resident_id, current_user)
    return jsonify(resident_json(resident, _terms(), get_session()))


@api.route("/<int:resident_id>", methods=["PATCH"])
@allow("consultant")
@documented(summary="Inwoner wijzigen", body=ResidentUpdate)
@json_body(ResidentUpdate)
def update(resident_id: int, body: ResidentUpdate) -> Any:
    """Change a resident; switches of route, phase, ladder and placement land on the timeline."""
    resident = operations.update_resident(get_session(), resident_id=resident_id, data=body, actor=current_user)
    return jsonify(resident_json(resident, _terms(), get_session()))


@api.route("/<int:resident_id>/abc", methods=["POST"])
@allow("consultant")
@documented(summary="ABC-meting vastleggen", body=AbcMeasurementCreate, status=201)
@json_body(AbcMeasurementCreate)
def record_abc(resident_id: int, body: AbcMeasurementCreate) -> Any:
    """Add an ABC measurement; the latest by date counts."""
    measurement = operations.record_abc(get_session(), resident_id=resident_id, data=body, actor=current_user)
    return jsonify(measurement.model_dump(mode="json")), 201


@api.route("/<int:resident_id>/timeline", methods=["GET"])
@allow("consultant")
@documented(summary="Tijdlijn van een inwoner")
def timeline(resident_id: int) -> Any:
    """Every switch of route, phase, ladder, placement and consultant, newest first."""
    session = get_session()
    resident = operations.get_resident(session, resident_id, current_user)
    events = session.exec(
        select(ResidentEvent).where(ResidentEvent.resident_id == resident.id).order_by(*TIMELINE_ORDER)
    ).all()  # type: ignore[attr-defined, union-attr]
    items = [e.model_dump(mode="json") for e in events]
    return jsonify(listing(items, len(items)))


class HandOver(BaseModel):
    model_config = ConfigDict(extra="forbid")

    consultant_id: int
    reason: str = Field(default="", max_length=500)


@api.route("/<int:resident_id>/handover", methods=["POST"])
@allow("consultant")
@documented(summary="Inwoner overdragen aan een andere consulent", body=HandOver)
@json_body(HandOver)
def hand_over(resident_id: int, body: HandOver) -> Any:
    """Move the resident to another consultant's caseload."""
    resident = operations.hand_over(
        get_session(), resident_id=resident_id, to_user_id=body.consultant_id, reason=body.reason, actor=current_user
    )
    return jsonify(resident_json(resident, _terms(), get_session()))


class ShareBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: int


@api.route("/<int:resident_id>/shares", methods=["POST"])
@allow("consultant")
@documented(summary="Inwoner delen met een andere consulent", body=ShareBody, status=201)
@json_body(ShareBody)
def share(resident_id: int, body: ShareBody) -> Any:
    """Let a second consultant see and work on the resident; the own consultant only (403 otherwise)."""
    operations.share_with(get_session(), resident_id=resident_id, user_id=body.user_id, actor=current_user)
    return jsonify({"resident_id": resident_id, "user_id": body.user_id}), 201


@api.route("/<int:resident_id>/shares/<int:user_id>", methods=["DELETE"])
@allow("consultant")
@documented(summary="Delen intrekken", status=204)
def unshare(resident_id: int, user_id: int) -> Any:
    """End a share; the own consultant only (403 otherwise)."""
    operations.revoke_share(get_session(), resident_id=resident_id, user_id=user_id, actor=current_user)
    return "", 204


@api.route("/<int:resident_id>/export", methods=["GET"])
@allow("consultant")
@documented(summary="Alle gegevens van een inwoner (AVG-inzage)")
def export(resident_id: int) -> Any:
    """Everything held on the resident, as one JSON document."""
    return jsonify(operations.export_resident(get_session(), resident_id=resident_id, actor=current_user))
