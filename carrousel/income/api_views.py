"""JSON API for income scenarios (consultants, own or shared caseload)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, Field

from ..access import allow
from ..api.frame import documented, json_body, listing
from ..db import get_session
from ..residents.operations import get_resident
from . import api, operations
from .queries import scenario_json, scenarios_of


class ScenarioLine(BaseModel):
    label: str
    amount: float


class AfterExemption(BaseModel):
    """The month the exemption has ended: from then on."""

    from_: str = Field(alias="from", description="the first day without the exemption")
    benefit_left: float
    with_work: float
    difference: float
    leaves_bijstand: bool


class ScenarioParameters(BaseModel):
    period: str
    norm: float
    exemption_share: float
    exemption_max: float
    exemption_months: int
    sources: dict[str, str]
    unconfirmed: list[str]


class ScenarioAnswer(BaseModel):
    """An income scenario: euros per month, two decimals (documentation of the answer)."""

    id: int
    resident_id: int
    household: str
    on: str
    net_monthly_wage: float
    hours_per_week: float | None
    gross_hourly_wage: float | None
    gross_to_net_factor: float | None
    without_work: float
    with_work: float
    benefit_left: float
    earnings_exemption: float
    exemption_until: str | None
    difference: float
    after_exemption: AfterExemption
    leaves_bijstand: bool
    summary: str
    lines: list[ScenarioLine]
    parameters: ScenarioParameters
    discussed: list[str]
    created_at: str


@api.route("/<int:resident_id>/income-scenarios", methods=["POST"])
@allow("consultant")
@documented(
    summary="Inkomensberekening vastleggen (benefit counselling)",
    body=operations.ScenarioCreate,
    answer=ScenarioAnswer,
    status=201,
)
@json_body(operations.ScenarioCreate)
def create(resident_id: int, body: operations.ScenarioCreate) -> Any:
    """Work out what the net wage does to the monthly income (bijstand, inkomstenvrijlating) and record it."""
    scenario = operations.create_scenario(get_session(), resident_id=resident_id, data=body, actor=current_user)
    return jsonify(scenario_json(scenario)), 201


@api.route("/<int:resident_id>/income-scenarios", methods=["GET"])
@allow("consultant")
@documented(summary="Inkomensberekeningen van een inwoner", answer=ScenarioAnswer, listing=True)
def index(resident_id: int) -> Any:
    """The resident's income scenarios, newest first."""
    session = get_session()
    resident = get_resident(session, resident_id, current_user, action="inkomensscenario")
    items = [scenario_json(s) for s in scenarios_of(session, resident.id)]  # type: ignore[arg-type]
    return jsonify(listing(items, len(items)))
