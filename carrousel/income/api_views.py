"""JSON API for income scenarios (consultants, own or shared caseload)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user

from ..access import allow
from ..api.frame import documented, json_body, listing
from ..db import get_session
from ..residents.operations import get_resident
from . import api, operations
from .queries import scenario_json, scenarios_of


@api.route("/<int:resident_id>/income-scenarios", methods=["POST"])
@allow("consultant")
@documented(summary="Inkomensberekening vastleggen (benefit counselling)", body=operations.ScenarioCreate, status=201)
@json_body(operations.ScenarioCreate)
def create(resident_id: int, body: operations.ScenarioCreate) -> Any:
    """Work out what the net wage does to the monthly income (bijstand, inkomstenvrijlating) and record it."""
    scenario = operations.create_scenario(get_session(), resident_id=resident_id, data=body, actor=current_user)
    return jsonify(scenario_json(scenario)), 201


@api.route("/<int:resident_id>/income-scenarios", methods=["GET"])
@allow("consultant")
@documented(summary="Inkomensberekeningen van een inwoner", listing=True)
def index(resident_id: int) -> Any:
    """The resident's income scenarios, newest first."""
    session = get_session()
    resident = get_resident(session, resident_id, current_user, action="inkomensscenario")
    items = [scenario_json(s) for s in scenarios_of(session, resident.id)]  # type: ignore[arg-type]
    return jsonify(listing(items, len(items)))
