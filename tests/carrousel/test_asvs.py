"""The ASVS requirements the README's Security section names that no other test tries directly."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from carrousel.auth.account import Account
from tests.conftest import PASSWORD, Client, bearer


def test_after_login_only_a_path_on_this_site_is_followed(  # ASVS 5.1.5
    client: Client, make_user: Callable[..., Account]
) -> None:
    user = make_user("adviser")
    for target in ("//aanvaller.example/", "https://aanvaller.example/", "/\\aanvaller.example"):
        client._csrf = None
        answer = client.submit(f"/inloggen?next={target}", {"email": user.email, "password": PASSWORD})
        location = answer.headers["Location"]
        assert answer.status_code == 302 and urlsplit(location).netloc in ("", "localhost"), target
        assert not location.startswith("//") and "\\" not in location, target
        client.submit("/uitloggen")


def test_a_name_with_markup_is_shown_as_text(  # ASVS 5.3.3
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, name='<script>alert("x")</script>')
    client.login(consultant.email)
    for url in ("/caseload", f"/caseload/{resident}"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page, url


def test_sql_in_a_search_is_only_text(  # ASVS 5.3.4
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> None:  # fmt: skip
    consultant = make_user("consultant")
    make_resident(consultant, name="Piet")
    token = bearer(token_for(consultant))
    for q in ("' OR '1'='1", "x'; DROP TABLE resident; --", '" OR 1=1 --'):
        answer = client.get("/api/v1/residents", query_string={"q": q}, headers=token)
        assert answer.status_code == 200 and answer.get_json()["total"] == 0, q
    assert client.get("/api/v1/residents", headers=token).get_json()["total"] == 1
