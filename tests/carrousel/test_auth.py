"""Accounts: login, logout that really ends a session, tokens, throttling, CSRF, headers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, update
from sqlmodel import select

from carrousel import create_app
from carrousel.access import public
from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import ApiToken, LoginFailure, LoginSession, Organisation, User
from tests.conftest import PASSWORD, Client, bearer


def _count(app: Flask, model: type) -> int:
    with app.app_context(), unit_of_work(app) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_login_through_the_form_opens_the_start_page(client: Client, make_user: Callable[..., Account]) -> None:
    user = make_user("consultant")
    response = client.login(user.email)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Goedendag" in page and "Caseload" in page


def test_wrong_password_is_refused_and_writes_nothing_but_the_failure(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    user = make_user("adviser")
    response = client.login(user.email, "fout-wachtwoord")
    assert response.status_code == 401
    assert "klopt niet" in response.get_data(as_text=True)
    assert _count(app, LoginSession) == 0
    assert _count(app, LoginFailure) == 1
    api = client.post("/api/v1/auth/token", json={"email": user.email, "password": "nee"})
    assert api.status_code == 401
    assert api.get_json()["error"]["code"] == "unauthorized"
    assert _count(app, ApiToken) == 0


def test_unknown_email_gets_the_same_answer(client: Client) -> None:
    response = client.login("niemand@test.nl", "wat-dan-ook-123")
    assert response.status_code == 401
    assert "E-mailadres of wachtwoord klopt niet" in response.get_data(as_text=True)


def test_throttling_slows_the_guessing_client_even_with_the_right_password(
    app: Flask, client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Per (account, address) and only for a while: see test_hardening.py for the owner elsewhere.
    monkeypatch.setitem(app.config["CARROUSEL"]["security"], "throttle_delay_seconds", 60)
    user = make_user("consultant")
    limit = app.config["CARROUSEL"]["security"]["max_failures_per_account"]
    for _ in range(limit):
        assert client.login(user.email, "fout-wachtwoord").status_code == 401
    assert client.login(user.email).status_code == 429
    api = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    assert api.status_code == 429
    assert api.get_json()["error"]["code"] == "too_many_requests"


def test_throttling_per_address(
    app: Flask, client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["security"], "throttle_delay_seconds", 60)
    user = make_user("consultant")
    limit = app.config["CARROUSEL"]["security"]["max_failures_per_address"]
    for i in range(limit):
        client.post("/api/v1/auth/token", json={"email": f"gok{i}@test.nl", "password": "x"})
    assert client.login(user.email).status_code == 429


def test_logout_ends_the_session_and_a_replayed_cookie_fails(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    user = make_user("consultant")
    client.login(user.email)
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert client.get("/caseload").status_code == 200
    assert client.submit("/uitloggen").status_code == 302
    assert _count(app, LoginSession) == 0
    replay = app.test_client()
    replay.set_cookie("session", cookie.value)
    response = replay.get("/caseload")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_password_change_ends_other_sessions_and_tokens(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    user = make_user("consultant")
    token = token_for(user)
    other = app.test_client()
    other.__class__ = Client
    other.login(user.email)  # type: ignore[attr-defined]
    client.login(user.email)
    response = client.submit(
        "/account/wachtwoord", {"current_password": PASSWORD, "new_password": "nieuw-wachtwoord-1"}
    )
    assert response.status_code == 302
    assert client.get("/caseload").status_code == 200  # this browser stays logged in
    assert other.get("/caseload").status_code == 302  # the other one does not
    assert client.get("/api/v1/residents", headers=bearer(token)).status_code == 401


def test_short_new_password_is_refused_with_the_field_named(client: Client, make_user: Callable[..., Account]) -> None:
    user = make_user("consultant")
    client.login(user.email)
    response = client.submit("/account/wachtwoord", {"current_password": PASSWORD, "new_password": "kort"})
    assert response.status_code == 422
    assert "minstens 10 tekens" in response.get_data(as_text=True)


def test_deactivation_ends_sessions_at_once(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    user = make_user("consultant")
    token = token_for(user)
    client.login(user.email)
    admin = make_user("admin")
    admin_client = app.test_client()
    admin_client.__class__ = Client
    admin_client.login(admin.email)  # type: ignore[attr-defined]
    assert admin_client.submit(f"/beheer/gebruikers/{user.id}/actief", {"active": "0"}).status_code == 302  # type: ignore[attr-defined]
    assert client.get("/caseload").status_code == 302
    assert client.get("/api/v1/residents", headers=bearer(token)).status_code == 401
    assert client.login(user.email).status_code == 401


def test_expired_and_revoked_tokens_are_refused(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    user = make_user("consultant")
    token = token_for(user)
    assert client.get("/api/v1/residents", headers=bearer(token)).status_code == 200
    with app.app_context(), unit_of_work(app) as session:
        session.exec(update(ApiToken).values(expires_at=ApiToken.expires_at - timedelta(days=2)))  # type: ignore[call-overload]
    expired = client.get("/api/v1/residents", headers=bearer(token))
    assert expired.status_code == 401
    fresh = token_for(user)
    assert client.delete("/api/v1/auth/token", headers=bearer(fresh)).status_code == 204
    assert client.get("/api/v1/residents", headers=bearer(fresh)).status_code == 401
    assert client.get("/api/v1/residents", headers=bearer("verzonnen")).status_code == 401


def test_token_answer_has_role_and_expiry(client: Client, make_user: Callable[..., Account]) -> None:
    user = make_user("adviser")
    body = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD}).get_json()
    assert set(body) == {"token", "role", "expires_at"}
    assert body["role"] == "adviser"


def test_session_cookie_does_not_open_the_api(client: Client, make_user: Callable[..., Account]) -> None:
    user = make_user("consultant")
    client.login(user.email)
    assert client.get("/api/v1/residents").status_code == 401


def test_missing_csrf_token_is_refused_and_writes_nothing(app: Flask, client: Client) -> None:
    response = client.post(
        "/aanmelden",
        data={
            "kind": "employer",
            "name": "Zonder Token BV",
            "postcode": "6701AB",
            "contact_email": "a@b.nl",
            "user_name": "Iemand",
            "user_email": "iemand@b.nl",
            "password": "lang-genoeg-wachtwoord",
        },
    )
    assert response.status_code == 400
    assert "formulier is verlopen" in response.get_data(as_text=True)
    assert _count(app, Organisation) == 0 and _count(app, User) == 0


def test_oversized_body_is_refused_with_413(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    token = token_for(make_user("adviser"))
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post("/api/v1/organisations", data=big, content_type="application/json", headers=bearer(token))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    assert _count(app, Organisation) == 0


def test_security_headers_on_pages_errors_and_api(client: Client) -> None:
    for url in ("/inloggen", "/bestaat-niet", "/api/v1/bestaat-niet", "/api/v1/openapi.json"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"


def test_session_cookie_flags(app: Flask, make_user: Callable[..., Account]) -> None:
    user = make_user("consultant")
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        secure = app.test_client()
        secure.__class__ = Client
        response = secure.login(user.email)  # type: ignore[attr-defined]
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False


def test_api_errors_have_one_json_shape(
    client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    token = token_for(make_user("adviser"))
    not_found = client.get("/api/v1/organisations/999", headers=bearer(token))
    assert not_found.status_code == 404
    assert set(not_found.get_json()["error"]) == {"code", "message", "fields"}
    wrong_method = client.put("/api/v1/organisations", headers=bearer(token))
    assert wrong_method.status_code == 405 and wrong_method.get_json()["error"]["code"] == "method_not_allowed"
    not_json = client.post("/api/v1/organisations", data="nee", headers=bearer(token))
    assert not_json.status_code == 400 and not_json.get_json()["error"]["code"] == "bad_request"
    unknown = client.get("/api/v1/niets")
    assert unknown.status_code == 404 and unknown.is_json


def test_unexpected_errors_answer_500_in_the_same_shape(tmp_path: Path) -> None:
    app = create_app(
        {"testing": True, "instance_path": str(tmp_path), "app": {"database_url": f"sqlite:///{tmp_path / 'x.sqlite'}"}}
    )

    @app.route("/api/v1/_kapot")
    @app.route("/_kapot")
    @public
    def _broken() -> None:
        raise RuntimeError("geheime details")

    for url in ("/api/v1/_kapot", "/_kapot"):
        response = app.test_client().get(url)
        assert response.status_code == 500
        assert "geheime details" not in response.get_data(as_text=True)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert app.test_client().get("/api/v1/_kapot").get_json()["error"]["code"] == "server_error"


def test_openapi_document_lists_the_contract(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/v1/auth/token",
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}/approve",
        "/api/v1/placements",
        "/api/v1/placements/{placement_id}",
        "/api/v1/residents",
        "/api/v1/residents/{resident_id}/abc",
        "/api/v1/placements/{placement_id}/candidates",
        "/api/v1/residents/{resident_id}/matches",
        "/api/v1/occupations",
        "/api/v1/goals",
    ):
        assert path in spec["paths"], path
    assert "PlacementCreate" in spec["components"]["schemas"]
    assert spec["paths"]["/api/v1/placements"]["post"]["requestBody"]


def test_a_lost_race_on_a_unique_value_answers_409_not_500(tmp_path: Path) -> None:
    from sqlalchemy.exc import IntegrityError

    app = create_app(
        {"testing": True, "instance_path": str(tmp_path), "app": {"database_url": f"sqlite:///{tmp_path / 'x.sqlite'}"}}
    )

    @app.route("/api/v1/_dubbel")
    @public
    def _duplicate() -> None:
        raise IntegrityError("INSERT ...", {}, Exception("UNIQUE constraint failed: user_account.email"))

    response = app.test_client().get("/api/v1/_dubbel")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"
    assert "UNIQUE" not in response.get_data(as_text=True)
