"""Issue 17, item 5: an explicit null for a field that may not be empty is 422 naming the field."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from pydantic import BaseModel
from sqlalchemy import text

from carrousel.api.frame import DOC_ATTR
from carrousel.auth.account import Account
from carrousel.db import engine_of
from carrousel.models import (
    OrganisationCreate,
    OrganisationUpdate,
    PlacementCreate,
    PlacementUpdate,
    ResidentCreate,
    ResidentUpdate,
)
from tests.carrousel.proposals_flow import propose
from tests.conftest import bearer

# Where null means something: no date, unknown, "not measured", no version check. Reviewed by
# hand; a new field lands in the refused set until someone says here that null is meaningful.
NULL_MEANS_SOMETHING: dict[type[BaseModel], set[str]] = {
    OrganisationCreate: set(),
    OrganisationUpdate: {"version"},
    PlacementCreate: {"start_date", "end_date"},
    PlacementUpdate: {"start_date", "end_date", "version"},
    ResidentCreate: {
        "abc",
        "availability_confirmed_on",  # null: the day it is recorded
        "birth_date",
        "birth_year",
        "hours_available",
        "ladder_now",
        "ladder_target",
        "last_contact_on",
        "ontheffing_until",
        "route",
        "route_started_on",
        "snel_months",
    },
    ResidentUpdate: {
        "birth_date",
        "birth_year",
        "hours_available",
        "ladder_now",
        "ladder_target",
        "last_contact_on",
        "ontheffing_until",
        "route",
        "snel_months",
        "version",
    },
}


@pytest.mark.parametrize("model", list(NULL_MEANS_SOMETHING), ids=lambda m: m.__name__)
def test_the_bodies_allow_null_only_where_it_means_something(model: type[BaseModel]) -> None:
    assert set(model.NULLABLE) & set(model.model_fields) == NULL_MEANS_SOMETHING[model]  # type: ignore[attr-defined]


def _may_be_null(model: type[BaseModel], field: str) -> bool:
    nullable = getattr(model, "NULLABLE", None)
    if nullable is not None:
        return field in nullable
    return type(None) in getattr(model.model_fields[field].annotation, "__args__", ())


@pytest.fixture
def world(
    client: Any,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> dict[str, Any]:
    consultant = make_user("consultant")
    adviser, admin, other = make_user("adviser"), make_user("admin"), make_user("consultant")
    organisation = make_organisation()
    placement = make_placement(organisation)
    resident = make_resident(consultant, abc="G2")
    tokens = {role: token_for(account) for role, account in (("consultant", consultant), ("adviser", adviser))}
    tokens["admin"] = token_for(admin)
    proposal = propose(client, tokens["consultant"], resident, placement)
    assert proposal.status_code == 201, proposal.get_json()
    ids = {
        "organisation_id": organisation,
        "placement_id": placement,
        "resident_id": resident,
        "proposal_id": proposal.get_json()["id"],
        "user_id": other.id,
    }
    return {"tokens": tokens, "ids": ids}


def _bodies(app: Flask) -> list[tuple[str, str, type[BaseModel]]]:
    """Every JSON endpoint that takes a body: method, URL rule, the body's model."""
    found = []
    for rule in app.url_map.iter_rules():
        doc = getattr(app.view_functions[rule.endpoint], DOC_ATTR, None)
        if rule.rule.startswith("/api/") and doc and doc["body"] is not None and doc["auth"]:
            for method in sorted((rule.methods or set()) & {"POST", "PATCH", "PUT"}):
                found.append((method, rule.rule, doc["body"]))
    return found


def test_every_body_refuses_null_where_a_value_is_needed(app: Flask, client: Any, world: dict[str, Any]) -> None:
    bodies = _bodies(app)
    assert {model for _m, _r, model in bodies} >= set(NULL_MEANS_SOMETHING)
    wrong: list[str] = []
    checked = 0
    for method, rule, model in bodies:
        url = re.sub(r"<(?:int:)?(\w+)>", lambda m: str(world["ids"].get(m.group(1), 1)), rule)
        for field in model.model_fields:
            if _may_be_null(model, field):
                continue
            answer = None
            for token in world["tokens"].values():  # the first role the endpoint lets in
                answer = client.open(url, method=method, headers=bearer(token), json={field: None})
                if answer.status_code not in (401, 403):
                    break
            assert answer is not None
            if answer.status_code in (401, 403):
                continue  # a scope none of these roles has (the resident's own)
            checked += 1
            fields = (answer.get_json() or {}).get("error", {}).get("fields", {})
            if answer.status_code != 422 or field not in fields:
                wrong.append(f"{method} {rule} {field}: {answer.status_code} {fields}")
    assert not wrong, "\n".join(wrong)
    assert checked > 60


@pytest.mark.parametrize("field", ["capacity", "routes", "skills", "supports", "title", "type", "postcode"])
def test_a_placement_with_a_null_field_is_refused_and_its_pages_still_work(
    client: Any, world: dict[str, Any], make_user: Callable[..., Account], field: str
) -> None:
    adviser = bearer(world["tokens"]["adviser"])
    placement = world["ids"]["placement_id"]
    body = {"organisation_id": world["ids"]["organisation_id"], "title": "Bakker", "type": "regulier", field: None}
    created = client.post("/api/v1/placements", headers=adviser, json=body)
    assert created.status_code == 422 and field in created.get_json()["error"]["fields"]
    changed = client.patch(f"/api/v1/placements/{placement}", headers=adviser, json={field: None})
    assert changed.status_code == 422 and field in changed.get_json()["error"]["fields"]
    assert client.get(f"/api/v1/placements/{placement}", headers=adviser).status_code == 200


@pytest.mark.parametrize("field", ["needs", "wished_occupations", "wished_sectors", "name", "postcode", "phase"])
def test_a_resident_with_a_null_field_is_refused(client: Any, world: dict[str, Any], field: str) -> None:
    consultant = bearer(world["tokens"]["consultant"])
    resident = world["ids"]["resident_id"]
    changed = client.patch(f"/api/v1/residents/{resident}", headers=consultant, json={field: None})
    assert changed.status_code == 422 and field in changed.get_json()["error"]["fields"]
    body = {"name": "Piet", "birth_year": 1990, "postcode": "6701AB", field: None}
    created = client.post("/api/v1/residents", headers=consultant, json=body)
    assert created.status_code == 422 and field in created.get_json()["error"]["fields"]
    shown = client.get(f"/api/v1/residents/{resident}", headers=consultant)
    assert shown.status_code == 200 and shown.get_json()[field] is not None


def test_lists_stored_as_null_before_the_fix_do_not_break_the_pages(
    app: Flask,
    client: Any,
    make_user: Callable[..., Account],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
) -> None:
    consultant, adviser = make_user("consultant"), make_user("adviser")
    placement, resident = make_placement(), make_resident(consultant)
    with engine_of(app).begin() as connection:  # what the API let through before issue 17
        connection.execute(
            text("UPDATE placement SET routes = 'null', skills = 'null', supports = 'null' WHERE id = :id"),
            {"id": placement},
        )
        connection.execute(
            text(
                "UPDATE resident SET needs = 'null', wished_occupations = 'null', wished_sectors = 'null' "
                "WHERE id = :id"
            ),
            {"id": resident},
        )
    client.login(consultant.email)
    for url in (f"/werkplekken/{placement}", "/werkplekken", f"/caseload/{resident}", f"/caseload/{resident}/plekken"):
        assert client.get(url).status_code == 200, url
    client.submit("/uitloggen")
    client._csrf = None
    client.login(adviser.email)
    for url in (f"/werkplekken/{placement}", f"/werkplekken/{placement}/kandidaten", "/plekken"):
        assert client.get(url).status_code == 200, url


def test_the_openapi_document_allows_null_only_where_the_api_does(client: Any) -> None:
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for model, nullable in NULL_MEANS_SOMETHING.items():
        for name, prop in schemas[model.__name__]["properties"].items():
            allows_null = any(option.get("type") == "null" for option in prop.get("anyOf", []))
            assert allows_null == (name in nullable), (model.__name__, name)
