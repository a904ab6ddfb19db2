"""Issue 11, items 4, 7 and 8: slow-down instead of lock-out, who may do what, HTTP hardening."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update
from sqlmodel import select

from carrousel import create_app
from carrousel.auth.account import Account
from carrousel.auth.throttle import seconds_to_wait
from carrousel.db import engine_of, unit_of_work
from carrousel.models import LoginFailure, Organisation, Placement, Proposal, Resident, utcnow
from carrousel.residents.operations import share_with
from tests.conftest import PASSWORD, Client, bearer

ADDRESS_A = {"REMOTE_ADDR": "10.0.0.1"}
ADDRESS_B = {"REMOTE_ADDR": "10.0.0.2"}


def _login(client: Client, email: str, password: str = PASSWORD, environ: dict[str, str] | None = None) -> Any:
    client._csrf = None
    return client.post(
        "/inloggen",
        data={"email": email, "password": password, "csrf_token": client.csrf_token()},
        environ_base=environ or ADDRESS_A,
    )


def _age_failures(app: Flask, seconds: int) -> None:
    """Move every recorded failure back in time, as if the client had waited."""
    with app.app_context(), unit_of_work(app) as session:
        for failure in session.exec(select(LoginFailure)).all():
            failure.at = failure.at - timedelta(seconds=seconds)


@pytest.fixture
def second_app(app: Flask, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Other apps on the same database, with other settings; their connections closed after."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        url = engine_of(app).url.render_as_string(hide_password=False)
        base: dict[str, Any] = {
            "testing": True,
            "instance_path": str(tmp_path / str(len(made))),
            "app": {"database_url": url, "secure_cookies": False, "secret_key": "test-secret"},
            "security": {"argon2_time_cost": 1, "argon2_memory_kib": 1024, "mfa_required_roles": []},
        }
        for section, values in overrides.items():
            base.setdefault(section, {}).update(values)
        other = create_app(base)
        other.test_client_class = Client
        made.append(other)
        return other

    yield make
    for other in made:
        engine_of(other).dispose()


# --- item 4: count per (account, address), slow down, never lock the right password out


def _slow(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first delay of a minute, so that a slow test machine does not outwait it."""
    monkeypatch.setitem(app.config["CARROUSEL"]["security"], "throttle_delay_seconds", 60)


def test_failures_from_one_address_do_not_hold_up_the_owner_elsewhere(
    app: Flask, client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow(app, monkeypatch)
    user = make_user("consultant")
    limit = app.config["CARROUSEL"]["security"]["max_failures_per_account"]
    for _ in range(limit):
        assert _login(client, user.email, "fout-wachtwoord").status_code == 401
    # The guesser's address must wait, and is told how long.
    refused = _login(client, user.email)
    assert refused.status_code == 429
    assert 50 <= int(refused.headers["Retry-After"]) <= 60
    assert "Probeer het over 1 minuut opnieuw" in refused.get_data(as_text=True)
    # The owner, from another address, logs in at once with the right password.
    owner = client.application.test_client()
    assert _login(owner, user.email, environ=ADDRESS_B).status_code == 302  # type: ignore[arg-type]
    # Once the wait is over, the right password works from the first address too: nothing is locked.
    _age_failures(app, 61)
    assert _login(client, user.email).status_code == 302


def test_each_further_failure_doubles_the_wait_up_to_the_maximum(app: Flask, make_user: Callable[..., Account]) -> None:
    sec = app.config["CARROUSEL"]["security"]
    user = make_user("adviser")
    now = utcnow()
    with app.app_context(), unit_of_work(app) as session:
        waits = []
        for _ in range(sec["max_failures_per_account"] + 3):
            session.add(LoginFailure(email=user.email, address="10.0.0.1", at=now))
            session.flush()
            waits.append(seconds_to_wait(session, email=user.email, address="10.0.0.1", now=now))
        for _ in range(20):
            session.add(LoginFailure(email=user.email, address="10.0.0.1", at=now))
        session.flush()
        longest = seconds_to_wait(session, email=user.email, address="10.0.0.1", now=now)
        elsewhere = seconds_to_wait(session, email=user.email, address="10.0.0.2", now=now)
    limit = sec["max_failures_per_account"]
    assert waits[: limit - 1] == [0] * (limit - 1)
    assert waits[limit - 1 :] == [1, 2, 4, 8]
    assert longest == sec["throttle_max_delay_seconds"]
    assert elsewhere == 0


def test_a_guess_spread_over_many_addresses_slows_that_account(app: Flask, make_user: Callable[..., Account]) -> None:
    sec = app.config["CARROUSEL"]["security"]
    user, other = make_user("consultant"), make_user("consultant")
    now = utcnow()
    with app.app_context(), unit_of_work(app) as session:
        for i in range(sec["max_failures_per_account_total"]):
            session.add(LoginFailure(email=user.email, address=f"198.51.100.{i}", at=now))
        session.flush()
        assert seconds_to_wait(session, email=user.email, address="203.0.113.1", now=now) == 1
        assert seconds_to_wait(session, email=other.email, address="203.0.113.1", now=now) == 0


def test_many_accounts_from_one_address_slow_that_address_pages_only(
    app: Flask, client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 17 item 4: the token endpoint counts per (account, address) only, so the owner's
    # script behind the same NAT still gets a token; the pages without a device cookie wait.
    _slow(app, monkeypatch)
    user = make_user("consultant")
    limit = app.config["CARROUSEL"]["security"]["max_failures_per_address"]
    for i in range(limit):
        client.post("/api/v1/auth/token", json={"email": f"gok{i}@test.nl", "password": "x"}, environ_base=ADDRESS_A)
    assert _login(client, user.email).status_code == 429
    api = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD}, environ_base=ADDRESS_A)
    assert api.status_code == 201
    other = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD}, environ_base=ADDRESS_B)
    assert other.status_code == 201


def test_behind_a_trusted_proxy_the_client_address_is_the_real_one(
    app: Flask, second_app: Callable[..., Flask], make_user: Callable[..., Account]
) -> None:
    proxied = second_app(security={"trusted_proxies": 1})
    client = proxied.test_client()
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    # The client puts a made-up address in front; only the one our proxy added counts.
    headers = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7"}
    client.post("/api/v1/auth/token", json={"email": "x@test.nl", "password": "x"}, headers=headers, environ_base=proxy)
    direct = app.test_client()
    direct.post("/api/v1/auth/token", json={"email": "y@test.nl", "password": "x"}, headers=headers, environ_base=proxy)
    with app.app_context(), unit_of_work(app) as session:
        addresses = {f.email: f.address for f in session.exec(select(LoginFailure)).all()}
    # With a hop count of 0 (the default) the header is not believed at all.
    assert addresses == {"x@test.nl": "203.0.113.7", "y@test.nl": "10.9.9.9"}
    # So twenty failures of many clients behind the proxy do not slow down a colleague.
    limit = app.config["CARROUSEL"]["security"]["max_failures_per_address"]
    for i in range(limit):
        client.post(
            "/api/v1/auth/token",
            json={"email": f"gok{i}@test.nl", "password": "x"},
            headers={"X-Forwarded-For": f"198.51.100.{i}"},
            environ_base=proxy,
        )
    user = make_user("consultant")
    ok = client.post(
        "/api/v1/auth/token",
        json={"email": user.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.200"},
        environ_base=proxy,
    )
    assert ok.status_code == 201


# --- item 7: what an organisation, a consultant and a visitor may not do


def test_an_organisation_not_yet_approved_keeps_its_placements_drafts(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    pending = make_organisation(status="pending")
    employer = make_user("employer", organisation_id=pending)
    token = client.post("/api/v1/auth/token", json={"email": employer.email, "password": PASSWORD}).get_json()["token"]
    for status in ("open", "filled", "closed"):
        refused = client.post(
            "/api/v1/placements",
            headers=bearer(token),
            json={"title": "Magazijn", "type": "regulier", "postcode": "6701AB", "status": status},
        )
        assert refused.status_code == 422, status
        assert "status" in refused.get_json()["error"]["fields"]
    draft = client.post(
        "/api/v1/placements",
        headers=bearer(token),
        json={"title": "Magazijn", "type": "regulier", "postcode": "6701AB", "status": "draft"},
    )
    assert draft.status_code == 201
    body = draft.get_json()
    changed = client.patch(
        f"/api/v1/placements/{body['id']}", headers=bearer(token), json={"status": "filled", "version": body["version"]}
    )
    assert changed.status_code == 422 and "status" in changed.get_json()["error"]["fields"]
    client.login(employer.email)
    page = client.submit(
        "/werkplekken/nieuw", {"title": "Balie", "type": "regulier", "postcode": "6701AB", "status": "closed"}
    )
    assert page.status_code == 422 and "alleen een concept" in page.get_data(as_text=True)
    with app.app_context(), unit_of_work(app) as session:
        statuses = session.exec(select(Placement.status).where(Placement.organisation_id == pending)).all()
    assert statuses == ["draft"]


def test_a_consultant_cannot_attach_a_resident_to_a_placement_of_an_unapproved_organisation(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    organisation = make_organisation()
    placement = make_placement(organisation, status="open", routes=["snel"])
    with app.app_context(), unit_of_work(app) as session:  # approval withdrawn since (older data)
        session.exec(update(Organisation).where(Organisation.id == organisation).values(status="pending"))  # type: ignore[call-overload]
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel")
    token = token_for(consultant)
    # Not by hand (the one way in is a proposal), and not by a proposal either.
    answer = client.patch(f"/api/v1/residents/{resident}", headers=bearer(token), json={"placement_id": placement})
    assert answer.status_code == 422 and "placement_id" in answer.get_json()["error"]["fields"]
    proposed = client.post(
        "/api/v1/proposals",
        headers=bearer(token),
        json={"resident_id": resident, "placement_id": placement, "motivation": "Past goed"},
    )
    assert proposed.status_code in (404, 422), proposed.get_json()
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(Proposal)).all() == []


def test_drafts_of_other_organisations_never_show_among_the_excluded(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="meedoen")
    make_placement(title="Geheim Concept Voorjaarsactie", status="draft")
    excluded = make_placement(title="Gesloten Kantine", status="closed")
    token = token_for(consultant)
    answer = client.get(f"/api/v1/residents/{resident}/matches", headers=bearer(token))
    assert answer.status_code == 200
    body = answer.get_json()
    assert "Geheim Concept" not in json.dumps(body)
    assert [e["placement_id"] for e in body["excluded_examples"]] == [excluded]
    assert body["excluded"]["total"] == 1  # the draft is not even counted
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}/plekken").get_data(as_text=True)
    assert "Gesloten Kantine" in page and "Geheim Concept" not in page


def test_only_the_owner_may_hand_over_or_erase_a_shared_resident(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    owner, colleague = make_user("consultant"), make_user("consultant")
    resident = make_resident(owner)
    with app.app_context(), unit_of_work(app) as session:
        share_with(session, resident_id=resident, user_id=colleague.id, actor=owner)
    token = token_for(colleague)
    assert client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).status_code == 200
    handover = client.post(
        f"/api/v1/residents/{resident}/handover", headers=bearer(token), json={"consultant_id": colleague.id}
    )
    assert handover.status_code == 403
    assert client.post(f"/api/v1/residents/{resident}/erase", headers=bearer(token)).status_code == 403
    client.login(colleague.email)
    page = client.get(f"/caseload/{resident}").get_data(as_text=True)
    assert "Gegevens wissen" not in page and 'value="overdragen"' not in page
    assert client.submit(f"/caseload/{resident}/wissen", {"confirm": "1"}).status_code == 403
    assert client.submit(f"/caseload/{resident}/overdragen", {"consultant_id": colleague.id}).status_code == 403
    with app.app_context(), unit_of_work(app) as session:
        row = session.get(Resident, resident)
        assert row is not None and row.consultant_id == owner.id and row.erased_at is None
    # The owner still may.
    owner_token = token_for(owner)
    assert client.post(f"/api/v1/residents/{resident}/erase", headers=bearer(owner_token)).status_code == 204


# --- item 8: HSTS, trusted hosts, no resident name in the cookie


def test_hsts_is_sent_when_cookies_are_secure_and_can_be_turned_off(
    app: Flask, second_app: Callable[..., Flask]
) -> None:
    assert "Strict-Transport-Security" not in app.test_client().get("/inloggen").headers  # plain-http test app
    secure = second_app(app={"secure_cookies": True})
    assert secure.test_client().get("/inloggen").headers["Strict-Transport-Security"] == "max-age=31536000"
    off = second_app(app={"secure_cookies": True}, security={"hsts_seconds": 0})
    assert "Strict-Transport-Security" not in off.test_client().get("/inloggen").headers


def test_a_foreign_host_header_is_refused_not_reflected(second_app: Callable[..., Flask]) -> None:
    hosted = second_app(app={"trusted_hosts": ["werkcarrousel.example.nl"]})
    client = hosted.test_client()
    foreign = client.get("/caseload", headers={"Host": "evil.example"})
    assert foreign.status_code == 400
    assert "evil" not in foreign.get_data(as_text=True) and "evil" not in foreign.headers.get("Location", "")
    ours = client.get("/caseload", headers={"Host": "werkcarrousel.example.nl:443"})
    assert ours.status_code == 302 and ours.headers["Location"].startswith("/inloggen")


def test_no_resident_name_travels_in_the_session_cookie(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    consultant = make_user("consultant")
    client.login(consultant.email)
    response = client.submit(
        "/caseload/nieuw", {"name": "Geertruida Cookiemonster", "birth_year": "1980", "postcode": "6701AB"}
    )
    assert response.status_code == 302
    cookie = client.get_cookie("session")
    assert cookie is not None
    data = app.session_interface.get_signing_serializer(app).loads(cookie.value)  # type: ignore[attr-defined]
    stored = json.dumps(data, default=str)
    assert "Cookiemonster" not in stored and "vastgelegd met code R-" in stored
