"""JSON API for placements and the kansrijke-beroepen list."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from ..access import allow, public
from ..api.frame import documented, json_body, listing, query_args
from ..db import get_session
from ..models import Organisation, PlacementCreate, PlacementUpdate
from ..occupations import occupation_list
from . import api, operations
from .queries import PlacementFilter, list_placements, placement_json

EDITORS = ("adviser", "employer", "location")
READERS = ("adviser", "admin", "consultant", "employer", "location")


@api.route("/placements", methods=["GET"])
@allow(*READERS)
@documented(summary="Werkplekken", query=PlacementFilter, answer=PlacementCreate, listing=True)
@query_args(PlacementFilter)
def index(query: PlacementFilter) -> Any:
    """Placements the caller may see, filtered and paged."""
    rows, total = list_placements(get_session(), current_user, query)
    return jsonify(listing([placement_json(p, name) for p, name in rows], total))


@api.route("/placements", methods=["POST"])
@allow(*EDITORS)
@documented(summary="Werkplek plaatsen", body=PlacementCreate, status=201)
@json_body(PlacementCreate)
def create(body: PlacementCreate) -> Any:
    """Post a placement; routes and max_abc default per type."""
    session = get_session()
    placement = operations.create_placement(session, data=body, actor=current_user)
    organisation = session.get(Organisation, placement.organisation_id)
    return jsonify(placement_json(placement, organisation.name if organisation else None)), 201


@api.route("/placements/<int:placement_id>", methods=["GET"])
@allow(*READERS)
@documented(summary="Eén werkplek")
def detail(placement_id: int) -> Any:
    """One placement."""
    session = get_session()
    placement = operations.get_placement(session, placement_id, current_user)
    organisation = session.get(Organisation, placement.organisation_id)
    return jsonify(placement_json(placement, organisation.name if organisation else None))


@api.route("/placements/<int:placement_id>", methods=["PATCH"])
@allow(*EDITORS)
@documented(summary="Werkplek wijzigen", body=PlacementUpdate)
@json_body(PlacementUpdate)
def update(placement_id: int, body: PlacementUpdate) -> Any:
    """Change a placement; send `version` to get 409 instead of overwriting someone's change."""
    session = get_session()
    placement = operations.update_placement(session, placement_id=placement_id, data=body, actor=current_user)
    organisation = session.get(Organisation, placement.organisation_id)
    return jsonify(placement_json(placement, organisation.name if organisation else None))


class OccupationQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str = Field(default="", max_length=100)
    limit: int = Field(default=10, ge=1, le=50)


class OccupationItem(BaseModel):
    code: str
    name: str
    sector: str
    level: str
    score: float


@api.route("/occupations", methods=["GET"])
@public
@documented(summary="Kansrijke beroepen zoeken", query=OccupationQuery, answer=OccupationItem, listing=True, auth=False)
@query_args(OccupationQuery)
def occupations(query: OccupationQuery) -> Any:
    """Search the UWV kansrijke beroepen; typos and word order are tolerated (public list)."""
    found = occupation_list(get_session()).search(query.q, limit=query.limit)
    items = [
        {"code": e.code, "name": e.name, "sector": e.sector, "level": e.level, "score": round(score, 1)}
        for e, score in found
    ]
    return jsonify(listing(items, len(items)))
