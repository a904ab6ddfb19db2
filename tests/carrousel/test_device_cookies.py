"""Issue 17, item 4: nobody locks the owner out of a device used before (OWASP device cookies)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from carrousel.auth.account import Account
from carrousel.auth.device import COOKIE_PREFIX
from tests.conftest import PASSWORD, Client


@pytest.fixture
def slow(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """A minute's wait past a limit, so a refused attempt is plainly refused within the test."""
    monkeypatch.setitem(app.config["CARROUSEL"]["security"], "throttle_delay_seconds", 60)


def _client(app: Flask, address: str) -> Client:
    app.test_client_class = Client
    client: Client = app.test_client()  # type: ignore[assignment]
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _fail(client: Client, email: str) -> Any:
    return client.login(email, "helemaal-verkeerd")


def _owner_device(app: Flask, owner: Account) -> Client:
    """The owner's own browser: logged in once (it got its device cookie), then logged out."""
    browser = _client(app, "192.0.2.200")
    assert browser.login(owner.email).status_code == 302
    assert any(cookie.key.startswith(COOKIE_PREFIX) for cookie in browser._cookies.values())
    browser.submit("/uitloggen")
    browser._csrf = None
    return browser


def test_failures_from_eleven_addresses_do_not_lock_the_owner_out_of_a_known_device(
    app: Flask, make_user: Callable[..., Account], slow: None
) -> None:
    owner = make_user("consultant")
    browser = _owner_device(app, owner)
    for n in range(11):
        attacker = _client(app, f"198.51.100.{n + 1}")
        for _ in range(5):
            assert _fail(attacker, owner.email).status_code in (401, 429)
    # Guessing without the cookie, from yet another address, stays throttled ...
    guesser = _client(app, "203.0.113.9")
    refused = guesser.login(owner.email)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    # ... while the owner on the device used before logs in at once.
    assert browser.login(owner.email).status_code == 302


def test_failures_on_unknown_accounts_behind_one_nat_do_not_lock_a_known_device(
    app: Flask, make_user: Callable[..., Account], slow: None
) -> None:
    owner = make_user("consultant")
    browser = _owner_device(app, owner)
    browser.environ_base["REMOTE_ADDR"] = "192.0.2.50"  # the office NAT
    neighbour = _client(app, "192.0.2.50")
    for n in range(20):
        assert _fail(neighbour, f"niemand{n}@test.nl").status_code == 401
    assert neighbour.login(owner.email).status_code == 429  # no cookie: the address limit holds
    assert browser.login(owner.email).status_code == 302


def test_a_device_cookie_is_throttled_on_its_own_failures(
    app: Flask, make_user: Callable[..., Account], slow: None
) -> None:
    owner = make_user("consultant")
    browser = _owner_device(app, owner)
    for _ in range(app.config["CARROUSEL"]["security"]["max_failures_per_account"]):
        assert _fail(browser, owner.email).status_code == 401
    refused = browser.login(owner.email)
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_a_cookie_for_another_account_or_forged_counts_for_nothing(
    app: Flask, make_user: Callable[..., Account], slow: None
) -> None:
    owner, other = make_user("consultant"), make_user("consultant")
    browser = _owner_device(app, other)  # a cookie, but for another account
    browser.environ_base["REMOTE_ADDR"] = "198.51.100.77"
    for _ in range(5):
        assert _fail(browser, owner.email).status_code == 401
    assert browser.login(owner.email).status_code == 429


def test_the_token_endpoint_counts_per_account_and_address(
    app: Flask, make_user: Callable[..., Account], slow: None
) -> None:
    owner = make_user("adviser")
    for n in range(11):
        attacker = _client(app, f"198.51.100.{n + 1}")
        for _ in range(5):
            wrong = {"email": owner.email, "password": "helemaal-verkeerd"}
            assert attacker.post("/api/v1/auth/token", json=wrong).status_code == 401
        refused = attacker.post("/api/v1/auth/token", json={"email": owner.email, "password": PASSWORD})
        assert refused.status_code == 429 and "Retry-After" in refused.headers
    script = _client(app, "192.0.2.10")
    assert script.post("/api/v1/auth/token", json={"email": owner.email, "password": PASSWORD}).status_code == 201


def test_a_two_thousand_character_email_on_the_token_endpoint_is_no_server_error(client: Client) -> None:
    answer = client.post("/api/v1/auth/token", json={"email": "a" * 1990 + "@test.nl", "password": "x" * 12})
    assert answer.status_code in (401, 422)
    page = client.login("a" * 1990 + "@test.nl", "x" * 12)
    assert page.status_code == 401
