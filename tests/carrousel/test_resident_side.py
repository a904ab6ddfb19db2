"""The resident takes part (CONTRACT.md *The resident's own pages*): the link, the token's
reach, /resident/* and /ik, freshness, the agreement and the evaluation."""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlmodel import select

from carrousel.db import unit_of_work
from carrousel.jobs.runner import run_job
from carrousel.models import AccessLog, Reminder, Resident, ResidentLink
from tests.carrousel.proposals_flow import propose, step
from tests.carrousel.test_reminders import _free_port, _Inbox
from tests.conftest import Client, bearer

BASE = "https://werkcarrousel.example"


@pytest.fixture(autouse=True)
def agreement_gate(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contract's default: a proefplaatsing or participatieplaats needs the agreement; links
    start with the configured address (app.base_url)."""
    monkeypatch.setitem(
        app.config["CARROUSEL"]["agreements"], "required_types", ["proefplaatsing", "participatieplaats"]
    )
    monkeypatch.setitem(app.config["CARROUSEL"]["app"], "base_url", BASE)


@pytest.fixture
def world(
    app: Flask,
    client: Client,
    make_user: Callable[..., Any],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> dict[str, Any]:
    consultant = make_user("consultant")
    organisation = make_organisation()
    employer = make_user("employer", organisation_id=organisation)
    adviser = make_user("adviser")
    resident = make_resident(consultant, name="Sanne Jansen", email="sanne@voorbeeld.nl")
    placement = make_placement(organisation_id=organisation, type="proefplaatsing", title="Keukenhulp")
    return {
        "consultant": consultant,
        "employer": employer,
        "adviser": adviser,
        "resident": resident,
        "placement": placement,
        "organisation": organisation,
        "c": token_for(consultant),
        "e": token_for(employer),
        "a": token_for(adviser),
    }


def _link(client: Client, w: dict[str, Any]) -> str:
    made = client.post(f"/api/v1/residents/{w['resident']}/link", headers=bearer(w["c"]))
    assert made.status_code == 201, made.get_json()
    return str(made.get_json()["url"])


def _resident_token(client: Client, w: dict[str, Any]) -> str:
    url = _link(client, w)
    answer = client.post("/api/v1/auth/resident-token", json={"link": url.rsplit("/", 1)[1]})
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["token"])


# --- the link -----------------------------------------------------------------------------


def test_link_is_built_from_the_configured_base_url_valid_14_days_and_stored_hashed(
    app: Flask, client: Client, world: dict[str, Any]
) -> None:
    made = client.post(
        f"/api/v1/residents/{world['resident']}/link", headers={**bearer(world["c"]), "Host": "evil.example"}
    )
    assert made.status_code == 201
    body = made.get_json()
    assert body["url"].startswith(f"{BASE}/ik/link/")
    expires = date.fromisoformat(body["expires_at"][:10])
    assert expires == date.today() + timedelta(days=14)
    secret = body["url"].rsplit("/", 1)[1]
    with app.app_context(), unit_of_work(app) as session:
        stored = session.exec(select(ResidentLink.token_hash)).all()
    assert stored and secret not in stored


def test_the_link_works_twice_and_a_new_link_ends_the_old_one(client: Client, world: dict[str, Any]) -> None:
    old = _link(client, world).rsplit("/", 1)[1]
    for _ in range(2):  # residents open links twice
        assert client.post("/api/v1/auth/resident-token", json={"link": old}).status_code == 201
    new = _link(client, world).rsplit("/", 1)[1]
    refused = client.post("/api/v1/auth/resident-token", json={"link": old})
    unknown = client.post("/api/v1/auth/resident-token", json={"link": "r.bestaat-niet"})
    assert refused.status_code == unknown.status_code == 401
    assert refused.get_json() == unknown.get_json()  # no hint which links exist
    assert client.post("/api/v1/auth/resident-token", json={"link": new}).status_code == 201


def test_an_expired_link_answers_like_an_unknown_one(app: Flask, client: Client, world: dict[str, Any]) -> None:
    secret = _link(client, world).rsplit("/", 1)[1]
    with app.app_context(), unit_of_work(app) as session:
        for link in session.exec(select(ResidentLink)).all():
            link.expires_at = link.expires_at - timedelta(days=15)
    answer = client.post("/api/v1/auth/resident-token", json={"link": secret})
    assert answer.status_code == 401
    assert "werkt niet" in answer.get_json()["error"]["message"]


def test_guessing_links_is_throttled(client: Client, world: dict[str, Any]) -> None:
    codes = [client.post("/api/v1/auth/resident-token", json={"link": f"r.gok{i}"}).status_code for i in range(8)]
    assert codes[:5] == [401] * 5
    assert 429 in codes[5:]


def test_only_the_own_or_shared_caseload_gets_a_link(
    client: Client, world: dict[str, Any], make_user: Callable[..., Any], token_for: Callable[..., str]
) -> None:
    other = token_for(make_user("consultant"))
    assert client.post(f"/api/v1/residents/{world['resident']}/link", headers=bearer(other)).status_code == 404
    assert client.post(f"/api/v1/residents/{world['resident']}/link", headers=bearer(world["e"])).status_code == 403


def test_opening_the_link_in_a_browser_signs_in_to_ik_and_is_in_the_access_log(
    app: Flask, client: Client, world: dict[str, Any]
) -> None:
    url = _link(client, world)
    opened = client.get(url.removeprefix(BASE))
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/ik")
    page = client.get("/ik").get_data(as_text=True)
    assert "Welkom, Sanne Jansen" in page
    assert client.get("/caseload").status_code == 403  # the session reaches /ik only
    assert client.get("/").status_code == 403
    with app.app_context(), unit_of_work(app) as session:
        actions = session.exec(select(AccessLog.action).where(AccessLog.resident_id == world["resident"])).all()
    assert "inloggen" in actions and "bekijken" in actions


def test_an_unknown_link_in_the_browser_says_so_in_plain_words(client: Client) -> None:
    page = client.get("/ik/link/r.onbekend")
    assert page.status_code == 401
    assert "Vraag uw consulent om een nieuwe link" in page.get_data(as_text=True)
    assert client.get("/ik").headers["Location"].endswith("/ik/uitgelogd")


# --- the reach of a resident token ----------------------------------------------------------


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_a_resident_token_reaches_no_other_api_path(client: Client, world: dict[str, Any]) -> None:
    token = _resident_token(client, world)
    spec = client.get("/api/v1/openapi.json").get_json()
    checked = 0
    for path, operations in spec["paths"].items():
        for method in operations:
            if path.startswith("/api/v1/resident/"):
                continue
            answer = client.open(_fill(path), method=method.upper(), json={}, headers=bearer(token))
            assert answer.status_code == 403, (method, path, answer.status_code)
            checked += 1
    assert checked > 30


def test_a_consultant_never_reaches_the_resident_paths(client: Client, world: dict[str, Any]) -> None:
    for method, path in (
        ("GET", "/api/v1/resident/me"),
        ("GET", "/api/v1/resident/inzage"),
        ("POST", "/api/v1/resident/availability"),
    ):
        assert client.open(path, method=method, json={}, headers=bearer(world["c"])).status_code == 403
    client.login(world["consultant"].email)
    assert client.get("/ik").status_code == 403


def test_another_residents_proposal_is_not_found(
    client: Client, world: dict[str, Any], make_resident: Callable[..., int]
) -> None:
    other = make_resident(world["consultant"], name="Ander")
    proposal = propose(client, world["c"], other, world["placement"]).get_json()["id"]
    token = _resident_token(client, world)
    answer = client.post(f"/api/v1/resident/proposals/{proposal}/consent", json={"give": True}, headers=bearer(token))
    assert answer.status_code == 404


# --- /resident/* ------------------------------------------------------------------------------


def test_me_and_klopt_dit_nog(client: Client, world: dict[str, Any]) -> None:
    token = _resident_token(client, world)
    me = client.get("/api/v1/resident/me", headers=bearer(token)).get_json()
    assert me["availability_confirmed_on"] == date.today().isoformat()
    assert not any("G4" in row["value"] or "snel" in row["value"].lower().split() for row in me["about"])
    body = {"hours_available": 20, "wished_occupations": ["kok"], "still_looking": True}
    answer = client.post("/api/v1/resident/availability", json=body, headers=bearer(token))
    assert answer.status_code == 200
    assert answer.get_json()["hours_available"] == 20
    assert answer.get_json()["wished_occupations"] == ["kok"]
    bad = client.post("/api/v1/resident/availability", json={**body, "hours_available": 99}, headers=bearer(token))
    assert bad.status_code == 422 and "hours_available" in bad.get_json()["error"]["fields"]


def test_consent_given_and_withdrawn_online(client: Client, world: dict[str, Any]) -> None:
    proposal = propose(client, world["c"], world["resident"], world["placement"]).get_json()["id"]
    token = _resident_token(client, world)
    listed = client.get("/api/v1/resident/proposals", headers=bearer(token)).get_json()
    assert listed["items"][0]["placement_title"] == "Keukenhulp"
    assert listed["items"][0]["next_step"]
    given = client.post(f"/api/v1/resident/proposals/{proposal}/consent", json={"give": True}, headers=bearer(token))
    assert given.status_code == 200, given.get_json()
    assert given.get_json()["status"] == "consented"
    seen = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(world["c"])).get_json()
    assert seen["history"][-1]["role"] == "resident"
    assert seen["consent"]["channel"] == "online" and seen["consent"]["scope"] == list(SCOPE)
    withdrawn = client.post(
        f"/api/v1/resident/proposals/{proposal}/consent", json={"give": False}, headers=bearer(token)
    )
    assert withdrawn.get_json()["status"] == "withdrawn"
    bad = client.post(
        f"/api/v1/resident/proposals/{proposal}/consent", json={"give": True, "scope": ["bsn"]}, headers=bearer(token)
    )
    assert bad.status_code == 422 and "scope" in bad.get_json()["error"]["fields"]


def test_inzage_is_readable_and_the_consultant_sees_the_same_document(client: Client, world: dict[str, Any]) -> None:
    token = _resident_token(client, world)
    doc = client.get("/api/v1/resident/inzage", headers=bearer(token)).get_json()
    labels = {row["label"] for row in doc["about"]}
    assert {"Naam", "Uren per week", "Werk dat u zoekt"} <= labels
    assert any(entry["who"] == "U zelf" for entry in doc["seen_by"])
    client.login(world["consultant"].email)
    page = client.get(f"/caseload/{world['resident']}/inzage").get_data(as_text=True)
    assert "Sanne Jansen" in page and "Wie de gegevens bekeek" in page


def test_a_scoped_consent_online_and_its_withdrawal_after_the_start(
    app: Flask, client: Client, world: dict[str, Any], make_placement: Callable[..., int]
) -> None:
    job = make_placement(organisation_id=world["organisation"], type="internship", title="Stage")
    proposal = propose(client, world["c"], world["resident"], job).get_json()["id"]
    token = _resident_token(client, world)
    body = {"give": True, "scope": ["hours_available"]}
    given = client.post(f"/api/v1/resident/proposals/{proposal}/consent", json=body, headers=bearer(token))
    assert given.status_code == 200, given.get_json()
    assert given.get_json()["consent"]["scope"] == ["hours_available"]
    seen = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(world["e"])).get_json()
    assert set(seen["resident"]) == {"hours_available"}  # the organisation sees the scope only
    assert step(client, world["e"], proposal, "introduced").status_code == 200
    assert step(client, world["c"], proposal, "started").status_code == 200
    withdrawn = client.post(
        f"/api/v1/resident/proposals/{proposal}/consent", json={"give": False}, headers=bearer(token)
    )
    assert withdrawn.status_code == 200, withdrawn.get_json()
    assert withdrawn.get_json()["status"] == "started"  # the place runs on
    assert withdrawn.get_json()["consent"]["withdrawn_on"] == date.today().isoformat()
    seen = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(world["e"])).get_json()
    assert not seen.get("resident")
    with app.app_context(), unit_of_work(app) as session:
        kinds = [r.kind for r in session.exec(select(Reminder)).all()]
    assert "consent_withdrawn" in kinds


# --- agreement and evaluation -----------------------------------------------------------------

SCOPE = ("hours_available", "language_level", "driving_licence", "wished_occupations", "talents")
AGREEMENT = {
    "tasks": "Groente snijden en afwassen",
    "hours_per_week": 16,
    "schedule": "ma en wo 9-13",
    "supervisor": "Piet",
    "start_on": date.today().isoformat(),
    "end_on": (date.today() + timedelta(days=60)).isoformat(),
    "support": "Jobcoach eens per week",
}


def _introduced(client: Client, w: dict[str, Any]) -> int:
    proposal: int = propose(client, w["c"], w["resident"], w["placement"]).get_json()["id"]
    assert step(client, w["c"], proposal, "consented").status_code == 200
    assert step(client, w["e"], proposal, "introduced").status_code == 200
    return proposal


def test_a_trial_starts_only_with_all_three_acknowledgements(client: Client, world: dict[str, Any]) -> None:
    proposal = _introduced(client, world)
    refused = step(client, world["c"], proposal, "started")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "agreement_incomplete"
    made = client.post(f"/api/v1/proposals/{proposal}/agreement", json=AGREEMENT, headers=bearer(world["c"]))
    assert made.status_code == 200, made.get_json()
    assert made.get_json()["acknowledged"]["consultant"] == date.today().isoformat()
    assert (
        client.post(f"/api/v1/proposals/{proposal}/agreement/acknowledge", headers=bearer(world["e"])).status_code
        == 200
    )
    assert step(client, world["c"], proposal, "started").get_json()["error"]["code"] == "agreement_incomplete"
    token = _resident_token(client, world)
    assert client.post(f"/api/v1/resident/agreements/{proposal}/acknowledge", headers=bearer(token)).status_code == 200
    detail = client.get(f"/api/v1/proposals/{proposal}", headers=bearer(world["c"])).get_json()
    assert set(detail["agreement"]["acknowledged"]) == {"consultant", "organisation", "resident"}
    assert None not in detail["agreement"]["acknowledged"].values()
    assert step(client, world["c"], proposal, "started").status_code == 200


def test_a_change_clears_the_acknowledgements(client: Client, world: dict[str, Any]) -> None:
    proposal = _introduced(client, world)
    client.post(f"/api/v1/proposals/{proposal}/agreement", json=AGREEMENT, headers=bearer(world["c"]))
    client.post(f"/api/v1/proposals/{proposal}/agreement/acknowledge", headers=bearer(world["e"]))
    changed = client.post(
        f"/api/v1/proposals/{proposal}/agreement", json={**AGREEMENT, "hours_per_week": 20}, headers=bearer(world["c"])
    ).get_json()
    assert changed["acknowledged"]["organisation"] is None and changed["hours_per_week"] == 20


def test_agreement_refusals(client: Client, world: dict[str, Any]) -> None:
    proposal = propose(client, world["c"], world["resident"], world["placement"]).get_json()["id"]
    early = client.post(f"/api/v1/proposals/{proposal}/agreement", json=AGREEMENT, headers=bearer(world["c"]))
    assert early.status_code == 409  # from the introduction on
    proposal2 = _introduced_other(client, world)
    backwards = {**AGREEMENT, "end_on": (date.today() - timedelta(days=1)).isoformat()}
    bad = client.post(f"/api/v1/proposals/{proposal2}/agreement", json=backwards, headers=bearer(world["c"]))
    assert bad.status_code == 422 and "end_on" in bad.get_json()["error"]["fields"]
    missing = client.post(f"/api/v1/proposals/{proposal2}/agreement", json={"tasks": ""}, headers=bearer(world["c"]))
    assert missing.status_code == 422 and {"tasks", "supervisor"} <= set(missing.get_json()["error"]["fields"])
    assert (
        client.post(f"/api/v1/proposals/{proposal2}/agreement", json=AGREEMENT, headers=bearer(world["e"])).status_code
        == 403
    )


def _introduced_other(client: Client, w: dict[str, Any]) -> int:
    step(
        client,
        w["c"],
        client.get("/api/v1/proposals", headers=bearer(w["c"])).get_json()["items"][0]["id"],
        "withdrawn",
    )
    return _introduced(client, w)


def test_evaluation_after_the_end_and_the_residents_confirmation(client: Client, world: dict[str, Any]) -> None:
    proposal = _introduced(client, world)
    client.post(f"/api/v1/proposals/{proposal}/agreement", json=AGREEMENT, headers=bearer(world["c"]))
    client.post(f"/api/v1/proposals/{proposal}/agreement/acknowledge", headers=bearer(world["e"]))
    token = _resident_token(client, world)
    client.post(f"/api/v1/resident/agreements/{proposal}/acknowledge", headers=bearer(token))
    assert step(client, world["c"], proposal, "started").status_code == 200
    evaluation = {"attendance": "good", "skills": "Netjes en snel", "recommendation": "hire", "text": "Top"}
    early = client.post(f"/api/v1/proposals/{proposal}/evaluation", json=evaluation, headers=bearer(world["e"]))
    assert early.status_code == 409
    assert step(client, world["c"], proposal, "ended", outcome="completed").status_code == 200
    bad = client.post(
        f"/api/v1/proposals/{proposal}/evaluation", json={**evaluation, "attendance": "x"}, headers=bearer(world["e"])
    )
    assert bad.status_code == 422 and "attendance" in bad.get_json()["error"]["fields"]
    filed = client.post(f"/api/v1/proposals/{proposal}/evaluation", json=evaluation, headers=bearer(world["e"]))
    assert filed.status_code == 201
    token = _resident_token(client, world)
    confirmed = client.post(
        f"/api/v1/resident/evaluations/{proposal}/confirm", json={"comment": "Klopt!"}, headers=bearer(token)
    )
    assert confirmed.status_code == 200
    assert confirmed.get_json()["evaluation"]["comment"] == "Klopt!"
    doc = client.get("/api/v1/resident/inzage", headers=bearer(token)).get_json()
    assert doc["proposals"][0]["evaluation"]["comment"] == "Klopt!"
    assert any("evaluatie" in e["text"] for e in doc["timeline"])
    assert any("afspraken" in e["text"] for e in doc["timeline"])


def test_other_types_start_without_an_agreement(
    client: Client, world: dict[str, Any], make_placement: Callable[..., int]
) -> None:
    job = make_placement(organisation_id=world["organisation"], type="internship")
    proposal = propose(client, world["c"], world["resident"], job).get_json()["id"]
    for token, to in ((world["c"], "consented"), (world["e"], "introduced"), (world["c"], "started")):
        assert step(client, token, proposal, to).status_code == 200


# --- freshness -------------------------------------------------------------------------------


def test_availability_confirmed_on_is_never_in_the_future(client: Client, world: dict[str, Any]) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    answer = client.patch(
        f"/api/v1/residents/{world['resident']}",
        json={"availability_confirmed_on": tomorrow},
        headers=bearer(world["c"]),
    )
    assert answer.status_code == 422 and "availability_confirmed_on" in answer.get_json()["error"]["fields"]
    past = (date.today() - timedelta(days=10)).isoformat()
    ok = client.patch(
        f"/api/v1/residents/{world['resident']}", json={"availability_confirmed_on": past}, headers=bearer(world["c"])
    )
    assert ok.status_code == 200 and ok.get_json()["availability_confirmed_on"] == past


def test_a_new_resident_starts_confirmed_on_the_day_recorded(app: Flask, world: dict[str, Any]) -> None:
    with app.app_context(), unit_of_work(app) as session:
        resident = session.get(Resident, world["resident"])
        assert resident is not None and resident.availability_confirmed_on == date.today()


def _age(app: Flask, resident_id: int, confirmed: date) -> None:
    with app.app_context(), unit_of_work(app) as session:
        resident = session.get(Resident, resident_id)
        assert resident is not None
        resident.availability_confirmed_on = confirmed


def test_a_stale_resident_is_marked_counted_and_reminded_and_confirming_online_ends_it(
    app: Flask, client: Client, world: dict[str, Any]
) -> None:
    long_ago = date.today() - timedelta(days=250)
    _age(app, world["resident"], long_ago)
    client.login(world["consultant"].email)
    words = f"Niet bevestigd sinds {long_ago.day}"
    assert words in client.get(f"/caseload/{world['resident']}").get_data(as_text=True)
    assert words in client.get(f"/caseload/{world['resident']}/plekken").get_data(as_text=True)
    candidates = client.get(f"/werkplekken/{world['placement']}/kandidaten").get_data(as_text=True)
    assert "Niet bevestigd sinds" in candidates and "Sanne Jansen" in candidates  # lower, never hidden
    home = client.get("/").get_data(as_text=True)
    assert re.search(r'<span class="count">1</span> <span>inwoner heeft uren en wensen lang niet bevestigd', home)
    listed = client.get("/caseload?confirmed=stale").get_data(as_text=True)
    assert "Sanne Jansen" in listed
    run_job(app, "reminders", date.today())
    with app.app_context(), unit_of_work(app) as session:
        kinds = [r.kind for r in session.exec(select(Reminder).where(Reminder.status == "open")).all()]
    assert "resident_stale" in kinds

    token = _resident_token(client, world)
    body = {"hours_available": 24, "wished_occupations": ["kok"], "still_looking": True}
    assert client.post("/api/v1/resident/availability", json=body, headers=bearer(token)).status_code == 200
    run_job(app, "reminders", date.today() + timedelta(days=1))
    with app.app_context(), unit_of_work(app) as session:
        kinds = [r.kind for r in session.exec(select(Reminder).where(Reminder.status == "open")).all()]
    assert "resident_stale" not in kinds


def test_the_ranking_gives_the_stale_reason_to_the_consultant(
    app: Flask, client: Client, world: dict[str, Any]
) -> None:
    _age(app, world["resident"], date(2025, 1, 10))
    answer = client.get(f"/api/v1/residents/{world['resident']}/matches", headers=bearer(world["c"]))
    assert answer.status_code == 200, answer.get_json()
    reasons = [r for item in answer.get_json()["items"] for r in item["reasons"] if r["factor"] == "actueel"]
    assert reasons and reasons[0]["text"].startswith("Niet bevestigd sinds 10 januari 2025")


# --- the pages ---------------------------------------------------------------------------------


def _sign_in(client: Client, w: dict[str, Any]) -> None:
    url = _link(client, w)
    client.get(url.removeprefix(BASE))
    page = client.get("/ik/klopt-dit-nog").get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    client._csrf = match.group(1)


def test_klopt_dit_nog_page_shows_errors_in_plain_words_and_saves(client: Client, world: dict[str, Any]) -> None:
    _sign_in(client, world)
    bad = client.submit(
        "/ik/klopt-dit-nog", {"hours_available": "99", "wished_occupations": "kok", "still_looking": "ja"}
    )
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'class="error-summary"' in text and "Vul een aantal uren in, van 0 tot 60" in text
    good = client.submit(
        "/ik/klopt-dit-nog", {"hours_available": "12", "wished_occupations": "kok\nschoonmaker", "still_looking": "nee"}
    )
    assert good.status_code == 302
    me = client.get("/ik").get_data(as_text=True)
    assert "Dank u wel" in me


def test_the_proposals_page_gives_consent_with_what_the_organisation_sees(
    client: Client, world: dict[str, Any]
) -> None:
    proposal = propose(client, world["c"], world["resident"], world["placement"]).get_json()["id"]
    _sign_in(client, world)
    page = client.get("/ik/voorstellen").get_data(as_text=True)
    assert "Keukenhulp" in page and "ziet dan: hoeveel uur u per week kunt werken" in page
    assert "G4" not in page and "snel" not in page.lower().split()
    answer = client.submit(f"/ik/voorstellen/{proposal}/toestemming", {"give": "ja", "scope": ["hours_available"]})
    assert answer.status_code == 302
    assert "U gaf toestemming" in client.get("/ik/voorstellen").get_data(as_text=True)
    assert client.get("/ik/inzage").status_code == 200


def test_the_consultant_makes_a_link_with_a_qr_code_and_reads_the_inzage(client: Client, world: dict[str, Any]) -> None:
    client.login(world["consultant"].email)
    page = client.submit(f"/caseload/{world['resident']}/inloglink")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f"{BASE}/ik/link/r." in text and 'src="data:image/svg+xml' in text
    assert "Inloglink voor de inwoner" in client.get(f"/caseload/{world['resident']}").get_data(as_text=True)


def test_the_agreement_pages_of_consultant_and_organisation(client: Client, world: dict[str, Any]) -> None:
    proposal = _introduced(client, world)
    client.login(world["consultant"].email)
    assert "Afspraken vastleggen" in client.get(f"/voorstellen/{proposal}/afspraken").get_data(as_text=True)
    bad = client.submit(f"/voorstellen/{proposal}/afspraken", {"tasks": "", "hours_per_week": "80"})
    assert bad.status_code == 422 and 'class="error-summary"' in bad.get_data(as_text=True)
    form = {k: str(v) for k, v in AGREEMENT.items()}
    assert client.submit(f"/voorstellen/{proposal}/afspraken", form).status_code == 302
    assert "bevestigd door consulent." in client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    client.login(world["employer"].email)
    page = client.get(f"/voorstellen/{proposal}/afspraken").get_data(as_text=True)
    assert "Groente snijden" in page and "Afspraken bevestigen" in page
    assert client.submit(f"/voorstellen/{proposal}/afspraken/bevestigen").status_code == 302
    assert "Afspraken bevestigen</button>" not in client.get(f"/voorstellen/{proposal}/afspraken").get_data(
        as_text=True
    )


def test_the_link_is_mailed_when_the_resident_has_an_email_and_mail_is_configured(
    app: Flask, client: Client, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = _free_port()
    monkeypatch.setitem(app.config["CARROUSEL"]["mail"], "smtp_host", "127.0.0.1")
    monkeypatch.setitem(app.config["CARROUSEL"]["mail"], "smtp_port", port)
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        url = _link(client, world)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message.rcpt_tos == ["sanne@voorbeeld.nl"]
    body = email.message_from_bytes(message.content).get_payload(decode=True).decode()
    assert url in body
