"""What an organisation sees (CONTRACT.md, third version): consent is a record, the organisation
reads a snapshot by its own pseudonym, and cannot try its own requirements to learn about a resident.

The first test tries the oracle of issue 17: after consent the employer sweeps its own placement's
requirements and compares every answer it gets; nothing may move.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import func
from sqlmodel import select
from werkzeug.datastructures import MultiDict

from carrousel.auth.account import Account
from carrousel.db import alembic_config, engine_of, unit_of_work
from carrousel.jobs.runner import run_job
from carrousel.models import ConsentRecord, Proposal, Reminder
from carrousel.proposals import consent
from tests.carrousel.proposals_flow import propose, step
from tests.conftest import Client, bearer

_NOISE = [
    (re.compile(r'name="csrf_token" value="[^"]+"'), "CSRF"),
    (re.compile(r'<input type="hidden" name="version" value="\d+">'), "VERSION"),
]


@pytest.fixture
def cast(
    app: Flask,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> dict[str, Any]:
    consultant = make_user("consultant")
    adviser = make_user("adviser")
    organisation = make_organisation(name="Bakkerij De Korenschoof")
    employer = make_user("employer", organisation_id=organisation)
    placement = make_placement(
        organisation, title="Medewerker bakkerij", type="proefplaatsing", routes=["snel"], max_abc="G4", capacity=2
    )
    resident = make_resident(
        consultant,
        name="Sanne de Vries",
        abc="G4",
        hours_available=24,
        talents="Bakt graag brood",
        wished_occupations=["Patissier"],
        driving_licence=True,
    )
    return {
        "consultant": consultant,
        "adviser": adviser,
        "employer": employer,
        "organisation": organisation,
        "placement": placement,
        "resident": resident,
        "c": token_for(consultant),
        "a": token_for(adviser),
        "w": token_for(employer),
    }


def _consented(client: Client, cast: dict[str, Any], **consent_fields: Any) -> int:
    proposal: int = propose(client, cast["c"], cast["resident"], cast["placement"]).get_json()["id"]
    fields = {"consent": {"channel": "phone", **consent_fields}} if consent_fields else {}
    answer = step(client, cast["c"], proposal, "consented", **fields)
    assert answer.status_code == 200, answer.get_json()
    return proposal


def _answers(client: Client, browser: Client, token: str, placement: int, proposal: int) -> list[tuple[str, str]]:
    """Everything the employer can read about its candidates: API and pages."""
    seen = []
    for url in (
        f"/api/v1/placements/{placement}/candidates",
        "/api/v1/proposals",
        f"/api/v1/proposals/{proposal}",
    ):
        seen.append((url, client.get(url, headers=bearer(token)).get_data(as_text=True)))
    for url in (f"/werkplekken/{placement}/kandidaten", "/voorstellen", f"/voorstellen/{proposal}"):
        body = browser.get(url).get_data(as_text=True)
        for pattern, replacement in _NOISE:
            body = pattern.sub(replacement, body)
        seen.append((url, body))
    return seen


def _diff(old: str, new: str) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1))


SWEEPS: list[tuple[str, Any]] = [
    *[("max_abc", f"G{n}") for n in range(1, 8)],
    *[("type", t) for t in ("regulier", "banenafspraak", "participatieplaats", "internship", "detacheringsbaan")],
    *[("routes", r) for r in (["snel"], ["ontwikkeling"], ["meedoen"], ["snel", "ontwikkeling", "meedoen"])],
    *[("postcode", p) for p in ("6701AB", "6702", "6721AB", "1011AB", "9999")],
    ("min_hours", 30),
    ("language_level", "C1"),
    ("driving_licence", False),
    ("supports", ["vervoer"]),
    ("physical_load", "heavy"),
]


def test_the_employer_cannot_sweep_its_own_requirements_after_consent(
    client: Client, app: Flask, cast: dict[str, Any]
) -> None:
    proposal = _consented(client, cast)
    browser: Client = app.test_client()  # type: ignore[assignment]
    browser.login(cast["employer"].email)
    browser.get("/")  # the welcome message is shown once
    url, w = f"/api/v1/placements/{cast['placement']}", cast["w"]
    before = _answers(client, browser, w, cast["placement"], proposal)
    assert "G4" not in "".join(body for _, body in before)
    placement = client.get(url, headers=bearer(w)).get_json()
    for field, value in SWEEPS:
        answer = client.patch(url, headers=bearer(w), json={field: value})
        unchanged = placement[field] == value or (isinstance(value, list) and sorted(placement[field]) == sorted(value))
        if unchanged:  # the same value is no change: the form sends every field each time
            assert answer.status_code == 200, (field, value)
        else:
            assert answer.status_code == 409, (field, value, answer.get_json())
            error = answer.get_json()["error"]
            assert error["code"] == "active_proposals" and field in error["fields"]
        after = _answers(client, browser, w, cast["placement"], proposal)
        for (name, old), (_, new) in zip(before, after, strict=True):
            assert old == new, (field, value, name, _diff(old, new))
    now = client.get(url, headers=bearer(w)).get_json()
    moving = ("version", "updated_at")  # an unchanged save still counts as a save
    assert {k: v for k, v in now.items() if k not in moving} == {k: v for k, v in placement.items() if k not in moving}
    # Fields that eligibility does not read stay the employer's to change.
    assert client.patch(url, headers=bearer(w), json={"title": "Bakkersmedewerker"}).status_code == 200
    # The page form says why, in Dutch, and keeps what was typed.
    form = browser.get(f"/werkplekken/{cast['placement']}/bewerken").get_data(as_text=True)
    assert "Er lopen voorstellen voor deze werkplek" in form
    version = client.get(url, headers=bearer(w)).get_json()["version"]
    refused = browser.submit(
        f"/werkplekken/{cast['placement']}",
        {"version": version, "title": "Bakkersmedewerker", "type": "proefplaatsing", "max_abc": "G2"},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "error-summary" in page and "kunt u de eisen niet wijzigen" in page
    # An adviser can change them (the adviser's change is the municipality's own).
    assert client.patch(url, headers=bearer(cast["a"]), json={"max_abc": "G5"}).status_code == 200


def test_before_consent_and_after_the_proposals_end_the_employer_may_change_its_requirements(
    client: Client, cast: dict[str, Any]
) -> None:
    url, w = f"/api/v1/placements/{cast['placement']}", cast["w"]
    proposal = propose(client, cast["c"], cast["resident"], cast["placement"]).get_json()["id"]
    assert client.patch(url, headers=bearer(w), json={"max_abc": "G5"}).status_code == 200  # not seen yet
    step(client, cast["c"], proposal, "consented")
    assert client.patch(url, headers=bearer(w), json={"max_abc": "G6"}).status_code == 409
    step(client, w, proposal, "declined", reason="Geen begeleiding deze maand")
    assert client.patch(url, headers=bearer(w), json={"max_abc": "G6"}).status_code == 200


def test_the_employers_candidates_are_its_active_proposals_by_its_own_code_without_a_count(
    client: Client, cast: dict[str, Any], make_resident: Callable[..., int]
) -> None:
    for n in range(5):  # a pool of others who fit: never counted for the employer
        make_resident(cast["consultant"], name=f"Ander {n}", abc="G2")
    url = f"/api/v1/placements/{cast['placement']}/candidates"
    empty = client.get(url, headers=bearer(cast["w"])).get_json()
    assert empty == {"items": [], "total": 0}
    proposal = _consented(client, cast)
    body = client.get(url, headers=bearer(cast["w"])).get_json()
    assert body["total"] == 1 and set(body) == {"items", "total"}
    (item,) = body["items"]
    assert set(item) == {"proposal_id", "code", "status"} and item["proposal_id"] == proposal
    assert re.fullmatch(r"K-[0-9A-Z]{5}-[0-9A-Z]{5}", item["code"])
    # The municipality still sees the ranking with its own codes.
    ranked = client.get(url, headers=bearer(cast["c"])).get_json()
    assert ranked["items"] and all(i["code"].startswith("R-") for i in ranked["items"])
    step(client, cast["w"], proposal, "declined", reason="Vol")
    assert client.get(url, headers=bearer(cast["w"])).get_json() == {"items": [], "total": 0}


def test_two_organisations_see_two_different_codes_for_one_resident(
    client: Client,
    cast: dict[str, Any],
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    other = make_organisation(name="Zorgboerderij")
    other_employer = token_for(make_user("employer", organisation_id=other))
    other_placement = make_placement(other, title="Op de boerderij", type="proefplaatsing", routes=["snel"])
    first = _consented(client, cast)
    second = propose(client, cast["c"], cast["resident"], other_placement).get_json()["id"]
    step(client, cast["c"], second, "consented")
    mine = client.get(f"/api/v1/proposals/{first}", headers=bearer(cast["w"])).get_json()["resident_code"]
    theirs = client.get(f"/api/v1/proposals/{second}", headers=bearer(other_employer)).get_json()["resident_code"]
    municipal = client.get(f"/api/v1/proposals/{first}", headers=bearer(cast["c"])).get_json()["resident_code"]
    assert len({mine, theirs, municipal}) == 3
    assert municipal.startswith("R-") and mine.startswith("K-") and theirs.startswith("K-")
    # Stable: the same code in every answer and on a second proposal for the same organisation.
    candidates = client.get(f"/api/v1/placements/{cast['placement']}/candidates", headers=bearer(cast["w"]))
    assert candidates.get_json()["items"][0]["code"] == mine
    client.login(cast["employer"].email)
    assert mine in client.get("/voorstellen").get_data(as_text=True)
    assert municipal not in client.get(f"/voorstellen/{first}").get_data(as_text=True)


def test_the_organisation_sees_a_snapshot_of_the_scope_never_live_data(client: Client, cast: dict[str, Any]) -> None:
    proposal = _consented(client, cast, scope=["hours_available", "wished_occupations"])
    url = f"/api/v1/proposals/{proposal}"
    seen = client.get(url, headers=bearer(cast["w"])).get_json()
    assert seen["resident"] == {"hours_available": 24, "wished_occupations": ["Patissier"]}
    changed = client.patch(
        f"/api/v1/residents/{cast['resident']}",
        headers=bearer(cast["c"]),
        json={"hours_available": 8, "wished_occupations": ["Chauffeur"], "talents": "Rijdt graag"},
    )
    assert changed.status_code == 200, changed.get_json()
    assert client.get(url, headers=bearer(cast["w"])).get_json() == seen
    client.login(cast["employer"].email)
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Patissier" in page and "Chauffeur" not in page and "Talenten" not in page
    # The name from the introduction on, still the snapshot.
    step(client, cast["w"], proposal, "introduced", kind="kennismaking")
    introduced = client.get(url, headers=bearer(cast["w"])).get_json()
    assert introduced["name"] == "Sanne de Vries" and introduced["resident"] == seen["resident"]


def test_consent_is_a_record_the_consultant_reads(client: Client, cast: dict[str, Any]) -> None:
    proposal = _consented(client, cast, scope=["talents"])
    mine = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["c"])).get_json()
    assert mine["consent"] == {
        "given_on": date.today().isoformat(),
        "channel": "phone",
        "scope": ["talents"],
        "withdrawn_on": None,
    }
    assert "consent" not in client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()
    default = _consented_other(client, cast)
    assert client.get(f"/api/v1/proposals/{default}", headers=bearer(cast["a"])).get_json()["consent"]["scope"] == [
        "hours_available",
        "language_level",
        "driving_licence",
        "wished_occupations",
        "talents",
    ]


def _consented_other(client: Client, cast: dict[str, Any]) -> int:
    created = client.post(
        "/api/v1/placements",
        headers=bearer(cast["a"]),
        json={
            "organisation_id": cast["organisation"],
            "title": "Winkel",
            "type": "proefplaatsing",
            "routes": ["snel"],
            "max_abc": "G4",
            "postcode": "6701AB",
            "status": "open",
        },
    )
    assert created.status_code == 201, created.get_json()
    placement = created.get_json()["id"]
    proposal: int = propose(client, cast["c"], cast["resident"], placement).get_json()["id"]
    assert step(client, cast["c"], proposal, "consented", consent={"channel": "in_writing"}).status_code == 200
    return proposal


@pytest.mark.parametrize(
    ("consent_body", "field"),
    [
        (None, "consent.channel"),
        ({}, "consent.channel"),
        ({"channel": "email"}, "consent.channel"),
        ({"channel": None}, "consent.channel"),
        ({"channel": "online"}, "consent.channel"),  # the resident's own, on /ik
        ({"channel": "phone", "scope": ["needs"]}, "consent.scope"),  # support needs are never in scope
        ({"channel": "phone", "scope": []}, "consent.scope"),
        ({"channel": "phone", "scope": "talents"}, "consent.scope"),
        ({"channel": "phone", "extra": 1}, "consent.extra"),
    ],
)
def test_bad_consent_is_422_naming_the_field_and_writes_nothing(
    client: Client, app: Flask, cast: dict[str, Any], consent_body: Any, field: str
) -> None:
    proposal = propose(client, cast["c"], cast["resident"], cast["placement"]).get_json()["id"]
    body: dict[str, Any] = {"to": "consented"}
    if consent_body is not None:
        body["consent"] = consent_body
    answer = client.post(f"/api/v1/proposals/{proposal}/transition", headers=bearer(cast["c"]), json=body)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["error"]["fields"]
    assert client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["c"])).get_json()["status"] == "proposed"
    with app.app_context(), unit_of_work(app) as session:
        assert session.get(Proposal, proposal).status == "proposed"  # type: ignore[union-attr]
        assert session.exec(select(func.count()).select_from(ConsentRecord)).one() == 0
    # Consent on any other step is not a thing.
    wrong = client.post(
        f"/api/v1/proposals/{proposal}/transition",
        headers=bearer(cast["c"]),
        json={"to": "withdrawn", "consent": {"channel": "phone"}},
    )
    assert wrong.status_code == 422 and "consent" in wrong.get_json()["error"]["fields"]


@pytest.mark.parametrize("ending", ["declined", "withdrawn", "introduced-withdrawn"])
def test_after_a_decline_or_withdrawal_the_organisation_keeps_only_code_status_and_dates(
    client: Client, cast: dict[str, Any], ending: str
) -> None:
    proposal = _consented(client, cast)
    if ending.startswith("introduced"):
        step(client, cast["w"], proposal, "introduced", kind="driegesprek")
        assert client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()["name"]
    if ending == "declined":
        step(client, cast["w"], proposal, "declined", reason="Geen begeleiding deze maand")
    else:
        step(client, cast["c"], proposal, "withdrawn", reason="Ziek geworden")
    seen = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"]))
    assert seen.status_code == 200
    item = seen.get_json()
    for hidden in ("name", "resident", "reason", "consent", "resident_id", "score", "rank"):
        assert hidden not in item, hidden
    assert item["motivation"] == "" and item["contact"] is None
    assert item["resident_code"].startswith("K-") and item["status"] == ending.split("-")[-1]
    assert all(set(entry) == {"status", "on"} for entry in item["history"])
    text = seen.get_data(as_text=True)
    for secret in ("Sanne", "Patissier", "brood", "Geen begeleiding", "Ziek", "consultant", "employer", "hours"):
        assert secret not in text, secret
    listed = client.get("/api/v1/proposals", headers=bearer(cast["w"])).get_json()["items"]
    assert listed == [item]
    client.login(cast["employer"].email)
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    for secret in ("Sanne", "Patissier", "brood", "Ziek", "Consulent"):
        assert secret not in page, secret


def test_the_organisations_history_has_status_and_date_only(client: Client, cast: dict[str, Any]) -> None:
    proposal = _consented(client, cast)
    step(client, cast["a"], proposal, "introduced", kind="kennismaking")
    step(client, cast["c"], proposal, "withdrawn", reason="Heeft elders werk gevonden")
    history = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()["history"]
    assert [h["status"] for h in history] == ["proposed", "consented", "introduced", "withdrawn"]
    assert all(set(h) == {"status", "on"} for h in history)
    own = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["c"])).get_json()["history"]
    assert own[-1]["role"] == "consultant" and own[-1]["reason"] == "Heeft elders werk gevonden"


def _start(client: Client, cast: dict[str, Any]) -> int:
    proposal = _consented(client, cast)
    step(client, cast["w"], proposal, "introduced", kind="kennismaking")
    answer = step(client, cast["c"], proposal, "started")
    assert answer.status_code == 200, answer.get_json()
    return proposal


def test_after_ended_the_name_and_the_snapshot_stay(client: Client, cast: dict[str, Any]) -> None:
    proposal = _start(client, cast)
    seen = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()
    step(client, cast["c"], proposal, "ended", outcome="completed")
    after = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()
    assert after["name"] == "Sanne de Vries" and after["resident"] == seen["resident"] != {}


@pytest.mark.parametrize("then_end", [False, True])
def test_withdrawal_after_the_start_hides_the_snapshot_keeps_the_place_and_reminds_the_consultant(
    client: Client, app: Flask, cast: dict[str, Any], then_end: bool
) -> None:
    proposal = _start(client, cast)
    if then_end:
        step(client, cast["c"], proposal, "ended", outcome="completed")
    with app.app_context(), unit_of_work(app) as session:
        row = session.get(Proposal, proposal)
        assert row is not None
        consent.withdraw_consent(session, proposal=row, on=date.today(), actor=cast["consultant"])
    status = "ended" if then_end else "started"
    mine = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["c"])).get_json()
    assert mine["status"] == status  # the place runs on
    assert mine["consent"]["withdrawn_on"] == date.today().isoformat()
    theirs = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()
    assert theirs["name"] == "Sanne de Vries" and theirs["resident"] == {}
    assert "consent" not in theirs
    reminders = client.get("/api/v1/reminders", headers=bearer(cast["c"])).get_json()["items"]
    assert [(r["kind"], r["proposal_id"]) for r in reminders] == [("consent_withdrawn", proposal)]
    # The daily run keeps it (the fact still holds) and makes no second one.
    run_job(app, "reminders", date.today())
    again = client.get("/api/v1/reminders", headers=bearer(cast["c"])).get_json()["items"]
    kept = [(r["id"], r["kind"]) for r in again if r["kind"] == "consent_withdrawn"]
    assert kept == [(r["id"], r["kind"]) for r in reminders]
    with app.app_context(), unit_of_work(app) as session:
        kinds = select(func.count()).where(Reminder.kind == "consent_withdrawn")
        assert session.exec(kinds).one() == 1
        row = session.get(Proposal, proposal)
        assert row is not None
        with pytest.raises(Exception, match="al ingetrokken"):
            consent.withdraw_consent(session, proposal=row, on=date.today(), actor=cast["consultant"])


@pytest.mark.parametrize("then_end", [False, True])
def test_done_on_a_withdrawn_consent_is_final_once_the_place_has_ended(
    client: Client, app: Flask, cast: dict[str, Any], then_end: bool
) -> None:
    """While the place runs, 'done' is a pause (there is still something to decide); after its
    end nothing can resolve the fact, so the reminder must not come back every 30 days."""
    proposal = _start(client, cast)
    if then_end:
        step(client, cast["c"], proposal, "ended", outcome="completed")
    with app.app_context(), unit_of_work(app) as session:
        row = session.get(Proposal, proposal)
        assert row is not None
        consent.withdraw_consent(session, proposal=row, on=date.today(), actor=cast["consultant"])
    headers = bearer(cast["c"])

    def open_consent_reminders(day: date) -> list[int]:
        run_job(app, "reminders", day)
        items = client.get("/api/v1/reminders", headers=headers).get_json()["items"]
        return [r["id"] for r in items if r["kind"] == "consent_withdrawn"]

    [reminder] = open_consent_reminders(date.today())
    items = client.get("/api/v1/reminders", headers=headers).get_json()["items"]
    [text] = [r["text"] for r in items if r["kind"] == "consent_withdrawn"]
    assert ("al afgelopen" in text) is then_end and ("Bespreek of de plek doorgaat" in text) is not then_end
    assert client.post(f"/api/v1/reminders/{reminder}/done", headers=headers).status_code == 200
    assert open_consent_reminders(date.today() + timedelta(days=29)) == []
    back = open_consent_reminders(date.today() + timedelta(days=30))
    assert back == ([] if then_end else [reminder])


def test_withdrawal_before_the_start_is_the_ordinary_withdrawn_step(
    client: Client, app: Flask, cast: dict[str, Any]
) -> None:
    proposal = _consented(client, cast)
    yesterday = date.today() - timedelta(days=1)
    with app.app_context(), unit_of_work(app) as session:
        row = session.get(Proposal, proposal)
        assert row is not None
        consent.withdraw_consent(session, proposal=row, on=date.today(), actor=cast["consultant"])
    mine = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["c"])).get_json()
    assert mine["status"] == "withdrawn" and mine["reason"] == "Toestemming ingetrokken"
    assert mine["consent"]["withdrawn_on"] == date.today().isoformat() != yesterday.isoformat()
    assert client.get("/api/v1/reminders", headers=bearer(cast["c"])).get_json()["items"] == []


def test_the_consent_form_asks_channel_and_scope_in_dutch(client: Client, cast: dict[str, Any]) -> None:
    proposal = propose(client, cast["c"], cast["resident"], cast["placement"]).get_json()["id"]
    client.login(cast["consultant"].email)
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Hoe gaf de inwoner toestemming?" in page and "Wat mag de organisatie zien?" in page
    for label in ("In een gesprek", "Telefonisch", "Schriftelijk", "Uren per week beschikbaar", "Rijbewijs"):
        assert label in page
    assert page.count('name="scope"') == 5 and page.count('name="scope" value') == 5
    assert len(re.findall(r'name="scope" value="\w+" checked', page)) == 5  # all five ticked by default
    assert 'value="online"' not in page  # online consent is the resident's own
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    sent = client.submit(
        f"/voorstellen/{proposal}/stap",
        {"to": "consented", "version": version.group(1), "channel": "in_writing", "scope": ["talents"]},
    )
    assert sent.status_code == 302
    shown = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Schriftelijk" in shown and "talenten en interesses" in shown
    record = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["c"])).get_json()["consent"]
    assert record["channel"] == "in_writing" and record["scope"] == ["talents"]


def test_migration_0009_carries_consents_over_and_downgrades(client: Client, app: Flask, cast: dict[str, Any]) -> None:
    """Proposals consented before consent was a record keep what the organisation saw, frozen at the upgrade."""
    shown = _consented(client, cast)
    declined = _consented_other(client, cast)
    step(client, cast["w"], declined, "declined", reason="Vol")
    config = alembic_config(engine_of(app))
    try:
        before = ScriptDirectory.from_config(config).get_revision("0009").down_revision
        command.downgrade(config, str(before))
        with engine_of(app).begin() as connection:
            assert "consent_record" not in sa.inspect(connection).get_table_names()
            connection.execute(sa.text("UPDATE resident SET talents = 'Werkt graag buiten'"))
    finally:
        command.upgrade(config, "head")
    mine = client.get(f"/api/v1/proposals/{shown}", headers=bearer(cast["c"])).get_json()
    assert mine["consent"] == {
        "given_on": date.today().isoformat(),
        "channel": None,  # not known for consents from before the record
        "scope": ["hours_available", "language_level", "driving_licence", "wished_occupations", "talents"],
        "withdrawn_on": None,
    }
    theirs = client.get(f"/api/v1/proposals/{shown}", headers=bearer(cast["w"])).get_json()
    assert theirs["resident"]["talents"] == "Werkt graag buiten" and theirs["resident"]["hours_available"] == 24
    client.patch(f"/api/v1/residents/{cast['resident']}", headers=bearer(cast["c"]), json={"talents": "Later"})
    assert client.get(f"/api/v1/proposals/{shown}", headers=bearer(cast["w"])).get_json() == theirs
    gone = client.get(f"/api/v1/proposals/{declined}", headers=bearer(cast["w"])).get_json()
    assert "resident" not in gone and "name" not in gone


def test_the_consultant_records_a_withdrawal_after_the_start_from_the_page_and_the_api(
    client: Client, app: Flask, cast: dict[str, Any]
) -> None:
    proposal = _start(client, cast)
    url = f"/api/v1/proposals/{proposal}/consent/withdrawal"
    assert client.post(url, headers=bearer(cast["w"]), json={}).status_code == 403
    assert client.post(url, headers=bearer(cast["c"]), json={"on": "gisteren"}).status_code == 422
    browser: Client = app.test_client()  # type: ignore[assignment]
    browser.login(cast["consultant"].email)
    page = browser.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Intrekking vastleggen" in page and "data-confirm" in page
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    done = browser.submit(f"/voorstellen/{proposal}/toestemming-ingetrokken", {"version": version.group(1)})
    assert done.status_code == 302
    shown = browser.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Ingetrokken op" in shown and "Intrekking vastleggen" not in shown
    again = client.post(url, headers=bearer(cast["c"]), json={})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "invalid_transition"
    assert client.get(f"/api/v1/proposals/{proposal}", headers=bearer(cast["w"])).get_json()["resident"] == {}


def test_erasure_clears_the_snapshot(client: Client, app: Flask, cast: dict[str, Any]) -> None:
    proposal = _consented(client, cast)
    erased = client.post(f"/api/v1/residents/{cast['resident']}/erase", headers=bearer(cast["c"]))
    assert erased.status_code in (200, 204), erased.get_data(as_text=True)
    with app.app_context(), unit_of_work(app) as session:
        record = session.exec(select(ConsentRecord).where(ConsentRecord.proposal_id == proposal)).one()
        assert record.snapshot == {} and record.given_on == date.today()


class _FormFields(HTMLParser):
    """What a browser sends for the form posting to `action`: inputs, checked boxes, selected options."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._action = action
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_form = a.get("action") == self._action
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields.append((self._textarea or "", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea and self._in_form:
            name, value = self.fields.pop()
            self.fields.append((name, value + data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def test_the_employer_saves_the_whole_form_unchanged_while_proposals_run(
    client: Client, app: Flask, cast: dict[str, Any]
) -> None:
    _consented(client, cast)
    client.login(cast["employer"].email)
    page = client.get(f"/werkplekken/{cast['placement']}/bewerken").get_data(as_text=True)
    parser = _FormFields(f"/werkplekken/{cast['placement']}")
    parser.feed(page)
    data = MultiDict(parser.fields)
    # The employer's form asks in plain words (issue 20): the answers stand for max_abc and routes.
    assert {"type", "guidance", "postcode", "version"} <= set(data)
    data["title"] = "Bakkersmedewerker"  # not a requirement: the employer's to change
    saved = client.post(f"/werkplekken/{cast['placement']}", data=data)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    shown = client.get(f"/api/v1/placements/{cast['placement']}", headers=bearer(cast["w"])).get_json()
    assert shown["title"] == "Bakkersmedewerker" and shown["max_abc"] == "G4"
