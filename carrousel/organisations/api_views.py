"""JSON API for organisations."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_login import current_user

from ..access import allow
from ..api.frame import documented, json_body, listing, query_args
from ..db import get_session
from ..models import OrganisationCreate, OrganisationUpdate
from . import api, operations
from .operations import Decision
from .queries import OrganisationFilter, list_organisations, organisation_json


@api.route("", methods=["GET"])
@allow("adviser", "admin", "consultant")
@documented(summary="Organisaties", query=OrganisationFilter, answer=OrganisationCreate, listing=True)
@query_args(OrganisationFilter)
def index(query: OrganisationFilter) -> Any:
    """List organisations, filtered by kind and status."""
    rows, total = list_organisations(get_session(), query)
    return jsonify(listing([organisation_json(o) for o in rows], total))


@api.route("", methods=["POST"])
@allow("adviser", "admin")
@documented(summary="Organisatie aanmaken (adviseur)", body=OrganisationCreate, status=201)
@json_body(OrganisationCreate)
def create(body: OrganisationCreate) -> Any:
    """Create an approved organisation; 409 for a likely duplicate unless confirm_duplicate=true."""
    confirm = request.args.get("confirm_duplicate", "").lower() in ("1", "true", "yes")
    organisation = operations.create_organisation(
        get_session(), data=body, actor=current_user, confirm_duplicate=confirm
    )
    return jsonify(organisation_json(organisation)), 201


@api.route("/<int:organisation_id>", methods=["GET"])
@allow("adviser", "admin", "consultant", "employer", "location")
@documented(summary="Eén organisatie")
def detail(organisation_id: int) -> Any:
    """One organisation; employers and locations see their own only."""
    return jsonify(organisation_json(operations.get_organisation(get_session(), organisation_id, current_user)))


@api.route("/<int:organisation_id>", methods=["PATCH"])
@allow("adviser", "admin", "employer", "location")
@documented(summary="Organisatie wijzigen", body=OrganisationUpdate)
@json_body(OrganisationUpdate)
def update(organisation_id: int, body: OrganisationUpdate) -> Any:
    """Change an organisation; send `version` to be told (409) when someone else changed it first."""
    organisation = operations.update_organisation(
        get_session(), organisation_id=organisation_id, data=body, actor=current_user
    )
    return jsonify(organisation_json(organisation))


@api.route("/<int:organisation_id>/approve", methods=["POST"])
@allow("adviser")
@documented(summary="Organisatie goedkeuren")
def approve(organisation_id: int) -> Any:
    """Approve a pending organisation."""
    organisation = operations.decide(get_session(), organisation_id=organisation_id, status="approved")
    return jsonify(organisation_json(organisation))


@api.route("/<int:organisation_id>/reject", methods=["POST"])
@allow("adviser")
@documented(summary="Organisatie afwijzen", body=Decision)
@json_body(Decision)
def reject(organisation_id: int, body: Decision) -> Any:
    """Reject an organisation with a reason."""
    organisation = operations.decide(
        get_session(), organisation_id=organisation_id, status="rejected", reason=body.reason
    )
    return jsonify(organisation_json(organisation))


@api.route("/<int:organisation_id>/deactivate", methods=["POST"])
@allow("adviser")
@documented(summary="Organisatie deactiveren")
def deactivate(organisation_id: int) -> Any:
    """Deactivate an organisation: its placements are no longer offered."""
    organisation = operations.decide(get_session(), organisation_id=organisation_id, status="inactive")
    return jsonify(organisation_json(organisation))
