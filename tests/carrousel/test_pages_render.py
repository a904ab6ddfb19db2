"""Every page opens for the roles that may see it, on the demo municipality, without an error."""

from __future__ import annotations

import pytest

from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS
from tests.conftest import Client

PAGES = {
    "consultant": [
        "/",
        "/caseload",
        "/caseload/nieuw",
        "/caseload/{resident}",
        "/caseload/{resident}/bewerken",
        "/caseload/{resident}/plekken",
        "/werkplekken",
        "/werkplekken/{placement}",
        "/werkplekken/{placement}/kandidaten",
        "/caseload?abc=none&sort=deadline",
        "/account/wachtwoord",
    ],
    "adviser": [
        "/",
        "/organisaties",
        "/organisaties/nieuw",
        "/organisaties/{organisation}",
        "/werkplekken",
        "/werkplekken/nieuw",
        "/werkplekken/{placement}",
        "/werkplekken/{placement}/kandidaten",
        "/doelen",
        "/importeren",
        "/organisaties?status=pending",
    ],
    "employer": [
        "/",
        "/werkplekken",
        "/werkplekken/nieuw",
        "/werkplekken/{placement}",
        "/werkplekken/{placement}/kandidaten",
    ],
    "location": ["/", "/werkplekken", "/werkplekken/nieuw"],
    "admin": ["/", "/beheer/gebruikers", "/beheer/toegangslog", "/doelen"],
}


@pytest.mark.parametrize("role", list(PAGES))
def test_pages_open_for_each_role(client: Client, demo: dict[str, int], role: str) -> None:
    email = next(e for r, e, _ in DEMO_USERS if r == role)
    assert client.login(email, DEMO_PASSWORD).status_code == 302
    for page in PAGES[role]:
        response = client.get(page.format(**demo))
        assert response.status_code == 200, (page, response.status_code)
        assert b'<html lang="nl">' in response.data


def test_public_pages_open_without_login(client: Client, demo: dict[str, int]) -> None:
    for page in ("/", "/plekken", "/plekken?postcode=6701AB&afstand=10", "/aanmelden", "/inloggen"):
        response = client.get(page)
        assert response.status_code == 200, page
