"""Every registered URL rule refuses anonymous users and every role without the right."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from werkzeug.routing import IntegerConverter

from carrousel.access import PUBLIC, roles_for
from carrousel.models import ROLES
from tests.conftest import Client, bearer

PUBLIC_ENDPOINTS = {
    "static",
    "auth.login",
    "auth.second_factor",  # the code step of a login: needs the password step just before it
    "home.index",
    "home.health",
    "catalogue.index",
    "catalogue.place",
    "catalogue.send_interest",
    "organisations.register_form",
    "organisations.register",
    "api.openapi",
    "auth_api.create_token",
    "placements_api.occupations",
    "auth.reset",  # the one-time password link: the token is the credential
    "auth.forgot",  # asking for that link by e-mail: the same answer for every address
    "ownpages_api.resident_token",  # the resident's link: the link is the credential
    "ownpages.signed_out",  # how a resident gets in again
}
# Open to anyone, a signed-in resident too: opening a (new) sign-in link.
RESIDENT_LINK_ENDPOINTS = {"ownpages.open_link"}


def _calls(app: Flask) -> list[tuple[str, str, str]]:
    calls = []
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for name in rule.arguments:
            converter = rule._converters[name]
            is_int = isinstance(converter, IntegerConverter)
            url = url.replace(f"<{'int:' if is_int else ''}{name}>", "1" if is_int else "x")
        url = url.replace("<path:filename>", "style.css")
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            calls.append((rule.endpoint, method, url))
    return calls


def _request(client: Client, method: str, url: str, token: str | None = None):
    if url.startswith("/api/"):
        return client.open(url, method=method, json={}, headers=bearer(token) if token else {})
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data={"csrf_token": client.csrf_token()})


def test_every_endpoint_declares_who_may_use_it(app: Flask) -> None:
    undeclared = [endpoint for endpoint in app.view_functions if roles_for(app, endpoint) is None]
    assert undeclared == []


def test_only_the_intended_endpoints_are_public(app: Flask) -> None:
    public = {endpoint for endpoint in app.view_functions if roles_for(app, endpoint) == PUBLIC}
    assert public == PUBLIC_ENDPOINTS


def test_anonymous_users_are_refused_everywhere_but_public_pages(app: Flask, client: Client) -> None:
    for endpoint, method, url in _calls(app):
        if endpoint in PUBLIC_ENDPOINTS | RESIDENT_LINK_ENDPOINTS:
            continue
        response = _request(client, method, url)
        if url.startswith("/api/"):
            assert response.status_code == 401, (endpoint, method, url)
            assert response.get_json()["error"]["code"] == "unauthorized"
        elif url.startswith("/ik"):  # the resident's pages lead to how to get in with a link
            assert response.status_code == 302, (endpoint, method, url, response.status_code)
            assert "/ik/uitgelogd" in response.headers["Location"]
        else:
            assert response.status_code == 302, (endpoint, method, url, response.status_code)
            assert "/inloggen" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_where_it_has_no_right(
    app: Flask,
    client: Client,
    role: str,
    make_user: Callable[..., object],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    organisation = make_organisation(kind="location" if role == "location" else "employer")
    account = make_user(role, organisation_id=organisation if role in ("employer", "location") else None)
    token = token_for(account)
    assert client.login(account.email).status_code == 302  # type: ignore[attr-defined]
    checked = 0
    for endpoint, method, url in _calls(app):
        roles = roles_for(app, endpoint)
        own_tests = RESIDENT_LINK_ENDPOINTS | {"auth.logout", "auth_api.revoke_token"}
        if roles == PUBLIC or endpoint in own_tests:
            continue
        response = _request(client, method, url, token)
        if role in roles:  # type: ignore[operator]
            assert response.status_code not in (401, 403), (endpoint, method, url, response.status_code)
        else:
            assert response.status_code == 403, (endpoint, method, url, response.status_code)
            checked += 1
    assert checked > 0 or role == "adviser"
