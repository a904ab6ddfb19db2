"""An employer's view of a proposal tells nothing of ABC level, age or distance: twins look the same.

Each variant runs the same story in an emptied database (so ids match); every answer the employer
receives, API and pages, in every state, must be byte-identical apart from the resident's code
(and the moments a request ran, and the form tokens).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text
from sqlmodel import SQLModel

from carrousel.db import engine_of, unit_of_work
from carrousel.models import PlacementCreate
from carrousel.placements.operations import create_placement
from tests.carrousel.proposals_flow import propose, step
from tests.conftest import KEEP_TABLES, Client, bearer


def _day(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


BASE = {"name": "Sanne de Vries", "birth_year": 1985, "postcode": "6701AB", "abc": "G2"}
TWINS = {
    "abc": {"abc": "G4"},
    "age": {"birth_year": 1962},
    "distance": {"postcode": "6721AB"},
}
_NOISE = [
    (re.compile(r"R-[A-Z2-9]{8}"), "R-CODE"),
    (re.compile(r"K-[0-9A-Z]{5}-[0-9A-Z]{5}"), "K-CODE"),  # the organisation's own pseudonym
    (re.compile(r"\d{4}-\d{2}-\d{2}T[0-9:.+]+"), "TIMESTAMP"),
    (re.compile(r'name="csrf_token" value="[^"]+"'), "CSRF"),
]


def _wipe(app: Flask) -> None:
    engine = engine_of(app)
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(t.name for t in tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
    app.extensions.pop("carrousel.matching", None)


def _normal(body: str) -> str:
    for pattern, replacement in _NOISE:
        body = pattern.sub(replacement, body)
    return body


def _story(
    app: Flask,
    make_user: Any,
    make_organisation: Any,
    make_resident: Any,
    token_for: Any,
    resident_fields: dict[str, Any],
) -> list[tuple[str, str]]:
    """Propose, consent, invite, start, end, and a second proposal declined: what the employer sees at each state."""
    _wipe(app)
    client: Client = app.test_client()  # type: ignore[assignment]
    organisation = make_organisation(name="Bakkerij De Korenschoof", contact_email="info@korenschoof.nl")
    consultant, adviser = make_user("consultant", email="c@test.nl"), make_user("adviser", email="a@test.nl")
    employer = make_user("employer", organisation_id=organisation, email="w@test.nl")
    with app.app_context(), unit_of_work(app) as session:
        data = PlacementCreate(
            organisation_id=organisation,
            title="Medewerker bakkerij",
            type="proefplaatsing",
            postcode="6701AB",
            status="open",
            capacity=1,
            routes=["snel"],
            max_abc="G4",
        )
        placement = create_placement(session, data=data, actor=adviser).id
    resident = make_resident(consultant, **resident_fields)
    c, w = token_for(consultant), token_for(employer)
    seen: list[tuple[str, str]] = []
    browser = app.test_client()
    browser.login(employer.email)  # type: ignore[attr-defined]

    def look(state: str, proposal: int) -> None:
        for url in ("/api/v1/proposals", f"/api/v1/proposals/{proposal}", f"/api/v1/placements/{placement}/candidates"):
            seen.append((f"{state} {url}", _normal(client.get(url, headers=bearer(w)).get_data(as_text=True))))
        refused = client.post(f"/api/v1/proposals/{proposal}/transition", headers=bearer(w), json={"to": "started"})
        seen.append((f"{state} refused", _normal(refused.get_data(as_text=True))))
        for url in ("/voorstellen", f"/voorstellen/{proposal}", f"/werkplekken/{placement}/kandidaten"):
            seen.append((f"{state} {url}", _normal(browser.get(url).get_data(as_text=True))))

    first = propose(client, c, resident, placement, "Werkt graag met de handen").get_json()["id"]
    for to, fields in (
        ("consented", {}),
        ("introduced", {"kind": "driegesprek", "on": _day(1)}),
        ("started", {"on": _day(2)}),
        ("ended", {"outcome": "hired", "on": _day(20)}),
    ):
        token = w if to == "introduced" else c
        assert step(client, token, first, to, **fields).status_code == 200
        look(to, first)
    second = propose(client, c, resident, placement, "Nog een keer").get_json()["id"]
    step(client, c, second, "consented")
    step(client, w, second, "declined", reason="Geen plek meer in het team")
    look("declined", second)
    return seen


@pytest.mark.parametrize("twin", list(TWINS))
def test_twins_differing_in_abc_age_or_distance_look_the_same_to_the_employer(
    app: Flask,
    make_user: Any,
    make_organisation: Any,
    make_resident: Any,
    token_for: Any,
    twin: str,
) -> None:
    factories = (make_user, make_organisation, make_resident, token_for)
    base = _story(app, *factories, BASE)
    other = _story(app, *factories, BASE | TWINS[twin])
    assert [label for label, _ in base] == [label for label, _ in other]
    for (label, mine), (_, theirs) in zip(base, other, strict=True):
        assert mine == theirs, label
    everything = "\n".join(body for _, body in base)
    assert "Sanne de Vries" in everything  # the name, from the introduction on: the views are not empty
    for secret in ("G2", "1985", "6701AB", "score", "rank", "contribution", "resident_id", "abc"):
        assert secret not in everything, secret
