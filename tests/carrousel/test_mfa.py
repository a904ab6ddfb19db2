"""Issue 11, item 9: TOTP with recovery codes, required per role (CONTRACT.md, MFA)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import pyotp
import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import AccessLog, LoginSession, RecoveryCode, User
from tests.conftest import PASSWORD, Client, bearer


@pytest.fixture
def required(app: Flask) -> Iterator[None]:
    """The production default: consultants, advisers and admins must use a second factor."""
    security = app.config["CARROUSEL"]["security"]
    before = security["mfa_required_roles"]
    security["mfa_required_roles"] = ["consultant", "adviser", "admin"]
    yield
    security["mfa_required_roles"] = before


def _secret_on(page: str) -> str:
    match = re.search(r"otpauth://totp/[^\"<]*secret=([A-Z2-7]+)", page.replace("&amp;", "&"))
    assert match, "the enrolment page shows no otpauth URI"
    return match.group(1)


def _code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(int(time.time()) + 30 * steps_ahead)


def _enrol(client: Client, account: Account) -> tuple[str, list[str]]:
    """Log in, enrol through the pages; the secret and the recovery codes."""
    client.login(account.email)
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    secret = _secret_on(page)
    done = client.submit("/account/tweestapsverificatie", {"code": _code(secret)})
    assert done.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", done.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def _log_out(client: Client) -> None:
    client.submit("/uitloggen")
    client._csrf = None


def test_a_required_role_is_led_to_enrolment_and_can_do_nothing_else_first(
    client: Client, make_user: Callable[..., Account], required: None
) -> None:
    consultant = make_user("consultant")
    login = client.login(consultant.email)
    assert login.headers["Location"] == "/account/tweestapsverificatie"
    assert client.get("/caseload").headers["Location"] == "/account/tweestapsverificatie"
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code, an image: the CSP needs no exception
    assert "style=" not in page and "<svg" not in page  # no inline style the CSP would block
    secret = _secret_on(page)
    assert secret == _secret_on(client.get("/account/tweestapsverificatie").get_data(as_text=True))  # stable
    wrong = client.submit(
        "/account/tweestapsverificatie", {"code": "000000" if _code(secret) != "000000" else "111111"}
    )
    assert wrong.status_code == 422 and 'id="code-error"' in wrong.get_data(as_text=True)
    assert client.get("/caseload").status_code == 302
    client.submit("/account/tweestapsverificatie", {"code": _code(secret)})
    assert client.get("/caseload").status_code == 200


def test_login_asks_the_code_and_refuses_a_wrong_or_replayed_one(
    app: Flask, client: Client, make_user: Callable[..., Account], required: None
) -> None:
    consultant = make_user("consultant")
    secret, _codes = _enrol(client, consultant)
    enrolment_code = _code(secret)
    _log_out(client)
    step = client.login(consultant.email)
    assert step.headers["Location"] == "/inloggen/code"
    assert client.get("/caseload").status_code == 302  # not logged in yet: the password alone opens nothing
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(LoginSession)).all() == []
    assert client.submit("/inloggen/code", {"code": enrolment_code}).status_code == 401  # used once already
    assert client.submit("/inloggen/code", {"code": "12345"}).status_code == 401
    ok = client.submit("/inloggen/code", {"code": _code(secret, steps_ahead=1)})
    assert ok.status_code == 302
    client._csrf = None
    assert client.get("/caseload").status_code == 200


def test_a_recovery_code_works_once(client: Client, make_user: Callable[..., Account], required: None) -> None:
    adviser = make_user("adviser")
    _secret, codes = _enrol(client, adviser)
    _log_out(client)
    client.login(adviser.email)
    assert client.submit("/inloggen/code", {"code": codes[3].lower().replace("-", " ")}).status_code == 302
    client._csrf = None
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    assert "nog 9 ongebruikte herstelcodes" in page
    _log_out(client)
    client.login(adviser.email)
    assert client.submit("/inloggen/code", {"code": codes[3]}).status_code == 401


def test_wrong_codes_are_throttled_like_passwords(
    app: Flask, client: Client, make_user: Callable[..., Account], required: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["security"], "throttle_delay_seconds", 60)
    consultant = make_user("consultant")
    secret, _codes = _enrol(client, consultant)
    _log_out(client)
    client.login(consultant.email)
    limit = app.config["CARROUSEL"]["security"]["max_failures_per_account"]
    wrong = "000000" if _code(secret, 1) != "000000" else "111111"
    for _ in range(limit):
        assert client.submit("/inloggen/code", {"code": wrong}).status_code == 401
    refused = client.submit("/inloggen/code", {"code": _code(secret, steps_ahead=1)})
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_the_token_endpoint_follows_the_contract(
    client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int], required: None
) -> None:
    consultant = make_user("consultant")
    unenrolled = client.post("/api/v1/auth/token", json={"email": consultant.email, "password": PASSWORD})
    assert unenrolled.status_code == 403
    assert unenrolled.get_json()["error"]["code"] == "mfa_enrolment_required"
    employer = make_user("employer", organisation_id=make_organisation())
    assert client.post("/api/v1/auth/token", json={"email": employer.email, "password": PASSWORD}).status_code == 201

    secret, codes = _enrol(client, consultant)
    body = {"email": consultant.email, "password": PASSWORD}
    missing = client.post("/api/v1/auth/token", json=body)
    assert missing.status_code == 401 and missing.get_json()["error"]["code"] == "otp_required"
    wrong = client.post("/api/v1/auth/token", json={**body, "otp": "000000" if _code(secret, 1) != "000000" else "1"})
    assert wrong.status_code == 401 and wrong.get_json()["error"]["code"] == "otp_invalid"
    right = client.post("/api/v1/auth/token", json={**body, "otp": _code(secret, steps_ahead=1)})
    assert right.status_code == 201
    assert client.get("/api/v1/residents", headers=bearer(right.get_json()["token"])).status_code == 200
    assert client.post("/api/v1/auth/token", json={**body, "otp": codes[0]}).status_code == 201


def test_an_optional_role_may_turn_it_on_and_off_a_required_one_may_not(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int], required: None
) -> None:
    employer = make_user("employer", organisation_id=make_organisation())
    secret, _codes = _enrol(client, employer)
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    assert "Tweestapsverificatie uitzetten" in page
    assert client.submit("/account/tweestapsverificatie/uitzetten", {"off_code": "999999"}).status_code == 422
    off = client.submit("/account/tweestapsverificatie/uitzetten", {"off_code": _code(secret, steps_ahead=1)})
    assert off.status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        user = session.get(User, employer.id)
        assert user is not None and user.totp_secret is None and user.mfa_enabled_at is None
    _log_out(client)
    consultant = make_user("consultant")
    secret, _codes = _enrol(client, consultant)
    assert "uitzetten kan niet" in client.get("/account/tweestapsverificatie").get_data(as_text=True)
    refused = client.submit("/account/tweestapsverificatie/uitzetten", {"off_code": _code(secret, steps_ahead=1)})
    assert refused.status_code == 403


def test_an_admin_resets_a_lost_device_and_it_is_logged(
    app: Flask, client: Client, make_user: Callable[..., Account], required: None
) -> None:
    consultant = make_user("consultant")
    _enrol(client, consultant)
    admin = make_user("admin")
    admin_client = app.test_client()
    _admin_secret, _ = _enrol(admin_client, admin)  # type: ignore[arg-type]
    users_page = admin_client.get(f"/beheer/gebruikers/{consultant.id}").get_data(as_text=True)
    assert f"/beheer/gebruikers/{consultant.id}/tweestapsverificatie" in users_page
    reset = admin_client.submit(f"/beheer/gebruikers/{consultant.id}/tweestapsverificatie")  # type: ignore[attr-defined]
    assert reset.status_code == 302
    self_reset = admin_client.submit(f"/beheer/gebruikers/{admin.id}/tweestapsverificatie")  # type: ignore[attr-defined]
    assert self_reset.status_code == 422
    with app.app_context(), unit_of_work(app) as session:
        user = session.get(User, consultant.id)
        assert user is not None and user.totp_secret is None and user.mfa_enabled_at is None
        assert session.exec(select(RecoveryCode).where(RecoveryCode.user_id == consultant.id)).all() == []
        log = session.exec(select(AccessLog).where(AccessLog.action == "mfa-herstel")).one()
        assert log.user_id == admin.id and consultant.email in log.detail
        admin_row = session.get(User, admin.id)
        assert admin_row is not None and admin_row.mfa_enabled_at is not None
    # The consultant's session ended; the next login leads to enrolment again.
    assert client.get("/caseload").status_code == 302
    again = client.login(consultant.email)
    assert again.headers["Location"] == "/account/tweestapsverificatie"


def test_the_default_configuration_requires_it_of_municipal_roles() -> None:
    from carrousel.config import DEFAULTS

    assert DEFAULTS["security"]["mfa_required_roles"] == ["consultant", "adviser", "admin"]
