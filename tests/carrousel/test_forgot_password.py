"""Issue 20, item 9: 'Wachtwoord vergeten?' on the login page, with the one-time link by e-mail."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

import pytest
from flask import Flask

from carrousel.auth import forgot
from carrousel.auth.account import Account
from tests.carrousel.visible import visible_text
from tests.conftest import PASSWORD, Client


@pytest.fixture
def outbox(monkeypatch: pytest.MonkeyPatch) -> list[EmailMessage]:
    sent: list[EmailMessage] = []

    def deliver(message: EmailMessage) -> bool:
        sent.append(message)
        return True

    monkeypatch.setattr(forgot, "deliver", deliver)
    return sent


def _link(message: EmailMessage) -> str:
    body = message.get_content()
    return next(line for line in body.splitlines() if "/wachtwoord-herstellen/" in line).strip()


def test_the_login_page_offers_a_reset_and_the_mailed_link_sets_a_new_password(
    app: Flask, client: Client, make_user: Callable[..., Account], outbox: list[EmailMessage], monkeypatch: Any
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["app"], "base_url", "https://werk.example.nl/")
    user = make_user("consultant")
    assert "Wachtwoord vergeten?" in client.get("/inloggen").get_data(as_text=True)
    known = client.submit("/wachtwoord-vergeten", {"email": user.email.upper()})
    unknown = client.submit("/wachtwoord-vergeten", {"email": "niemand@test.nl"})
    assert known.status_code == unknown.status_code == 200
    # The same answer, whether the address has an account or not.
    assert visible_text(known.get_data(as_text=True)) == visible_text(unknown.get_data(as_text=True))
    assert len(outbox) == 1 and outbox[0]["To"] == user.email
    link = _link(outbox[0])
    assert link.startswith("https://werk.example.nl/wachtwoord-herstellen/")
    path = link.removeprefix("https://werk.example.nl")

    # Asking does not lock the owner out: the old password works until the link is used.
    assert client.login(user.email).status_code == 302
    client.submit("/uitloggen")
    client._csrf = None
    new = "een-heel-nieuw-wachtwoord"
    assert client.submit(path, {"new_password": new, "repeat_password": new}).status_code == 302
    assert client.get(path).status_code == 404  # one time only
    assert client.login(user.email, new).status_code == 302
    client.submit("/uitloggen")
    assert client.login(user.email, PASSWORD).status_code != 302  # the old password is gone


def test_requests_are_throttled_and_an_empty_address_is_named(
    client: Client, make_user: Callable[..., Account], outbox: list[EmailMessage]
) -> None:
    empty = client.submit("/wachtwoord-vergeten", {"email": ""})
    assert empty.status_code == 422 and "E-mailadres: Vul uw e-mailadres in." in visible_text(
        empty.get_data(as_text=True)
    )
    user = make_user("adviser")
    answers = [client.submit("/wachtwoord-vergeten", {"email": user.email}).status_code for _ in range(8)]
    assert answers[0] == 200 and answers[-1] == 429
    assert len(outbox) < 8
