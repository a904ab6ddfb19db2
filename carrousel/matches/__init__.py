"""Matching pages and API: 'Passende plekken' for a resident, 'Kandidaten' for a placement."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify, render_template, request
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from matching.vocabulary import PlacementType

from ..access import allow
from ..api.frame import documented, query_args
from ..db import get_session
from ..errors import error_response
from ..parsing import parse_int
from . import service
from .index import RETRY_AFTER_SECONDS, IndexNotReady

bp = Blueprint("matches", __name__)
api = Blueprint("matches_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.register_error_handler(IndexNotReady, _not_ready)


def _not_ready(_exc: IndexNotReady) -> Any:
    body, status = error_response(503, "De matching wordt voorbereid. Probeer het over enkele seconden opnieuw.")
    return body, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}


class MatchQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=20, ge=1, le=200)
    type: list[PlacementType] | None = None
    kansrijk: bool = False


class CandidateQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=20, ge=1, le=200)


def _public(result: dict[str, Any], drop: str) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != drop}


@api.route("/residents/<int:resident_id>/matches")
@allow("consultant")
@documented(summary="Passende plekken voor een inwoner", query=MatchQuery)
@query_args(MatchQuery, multi=("type",))
def matches_api(resident_id: int, query: MatchQuery) -> Any:
    """Ranked placements for a resident of the caller's caseload, with reasons and exclusions."""
    result = service.matches_for_resident(
        get_session(),
        resident_id=resident_id,
        actor=current_user,
        limit=query.limit,
        types=query.type,
        kansrijk_only=query.kansrijk,
    )
    return jsonify(_public(result, "resident"))


@api.route("/placements/<int:placement_id>/candidates")
@allow("consultant", "adviser", "employer", "location")
@documented(summary="Kandidaten voor een werkplek", query=CandidateQuery)
@query_args(CandidateQuery)
def candidates_api(placement_id: int, query: CandidateQuery) -> Any:
    """Ranked residents for a placement; only codes, never health or indication data, outside the own caseload."""
    result = service.candidates_for_placement(
        get_session(), placement_id=placement_id, actor=current_user, limit=query.limit
    )
    return jsonify(_public(result, "placement"))


@bp.route("/caseload/<int:resident_id>/plekken")
@allow("consultant")
def matches_page(resident_id: int) -> Any:
    """'Passende plekken': ranked places for a resident, why each ranks there, why others miss."""
    types = [t for t in request.args.getlist("type") if t]
    try:
        query = MatchQuery(
            limit=parse_int(request.args.get("limit"), low=1, high=200) or 20,
            type=types or None,
            kansrijk=request.args.get("kansrijk") == "1",
        )
    except ValueError:
        query = MatchQuery()
    result = service.matches_for_resident(
        get_session(),
        resident_id=resident_id,
        actor=current_user,
        limit=query.limit,
        types=query.type,
        kansrijk_only=query.kansrijk,
    )
    return render_template("matches/resident.html", query=query, labels=service.EXCLUSION_LABELS, **result)


@bp.route("/werkplekken/<int:placement_id>/kandidaten")
@allow("consultant", "adviser", "employer", "location")
def candidates_page(placement_id: int) -> Any:
    """'Kandidaten': ranked residents for a placement."""
    limit = parse_int(request.args.get("limit"), low=1, high=200) or 20
    result = service.candidates_for_placement(get_session(), placement_id=placement_id, actor=current_user, limit=limit)
    if "considered" not in result:  # an employer or location: only who was proposed to them
        return render_template("proposals/candidates.html", **result)
    return render_template("matches/placement.html", labels=service.EXCLUSION_LABELS, limit=limit, **result)
