"""Every page opens for the roles that may see it, on the demo municipality, without an error."""

from __future__ import annotations

import pytest

from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS
from tests.conftest import PAGES, Client


@pytest.mark.parametrize("role", [role for role in PAGES if role])
def test_pages_open_for_each_role(client: Client, demo: dict[str, int], role: str) -> None:
    email = next(e for r, e, _ in DEMO_USERS if r == role)
    assert client.login(email, DEMO_PASSWORD).status_code == 302
    for page in PAGES[role]:
        response = client.get(page.format(**demo))
        assert response.status_code == 200, (page, response.status_code)
        assert b'<html lang="nl">' in response.data


def test_public_pages_open_without_login(client: Client, demo: dict[str, int]) -> None:
    for page in PAGES[None]:
        response = client.get(page.format(**demo))
        assert response.status_code == 200, page
