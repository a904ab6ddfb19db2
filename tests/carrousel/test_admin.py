"""Issue 10 item 8: the admin's start page, the user list, role change and the reset link."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import AccessLog, User
from tests.conftest import PASSWORD, Client


def _other_client(app: Flask) -> Client:
    other = app.test_client()
    other.__class__ = Client
    return other  # type: ignore[return-value]


def test_beheer_is_the_admins_start_page(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("admin").email)
    response = client.get("/beheer")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for link in ("/beheer/gebruikers", "/beheer/toegangslog", "/beheer/instellingen", "/beheer/configuratie"):
        assert f'href="{link}"' in page
    assert "1 actief account" in page
    settings = client.get("/beheer/configuratie").get_data(as_text=True)
    assert "Proefplaatsing" in settings and "standaard 3 maanden, hoogstens 6" in settings and "35%" in settings


def test_beheer_is_for_the_admin_only(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("consultant").email)
    for url in ("/beheer", "/beheer/instellingen", "/beheer/configuratie", "/beheer/gebruikers/1"):
        assert client.get(url).status_code == 403


def test_the_user_list_shows_organisation_and_last_login(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    employer = make_user("employer", organisation_id=make_organisation(name="Kwekerij De Kas"))
    never = make_user("consultant")
    _other_client(app).login(employer.email)
    client.login(make_user("admin").email)
    page = client.get("/beheer/gebruikers").get_data(as_text=True)
    row = re.search(rf"<tr>\s*<td><a[^>]*>[^<]*</a></td>\s*<td>{employer.email}</td>.*?</tr>", page, re.S)
    assert row and "Kwekerij De Kas" in row.group(0) and "Nog nooit" not in row.group(0)
    assert re.search(r"\d{1,2} [a-z]+ 20\d\d, \d\d:\d\d", row.group(0))  # local time, Dutch date
    for anchor in ("rol", "wachtwoord"):  # role change and a new-password link from the list
        assert f'href="/beheer/gebruikers/{employer.id}#{anchor}"' in row.group(0)
    other = re.search(rf"<td>{never.email}</td>.*?</tr>", page, re.S)
    assert other and "Nog nooit" in other.group(0)


def test_an_admin_changes_a_role_and_the_users_sessions_end(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    consultant = make_user("consultant")
    theirs = _other_client(app)
    theirs.login(consultant.email)
    assert theirs.get("/caseload").status_code == 200
    client.login(make_user("admin").email)
    changed = client.submit(f"/beheer/gebruikers/{consultant.id}/rol", {"role": "adviser", "organisation_id": ""})
    assert changed.status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        assert session.get(User, consultant.id).role == "adviser"  # type: ignore[union-attr]
    assert theirs.get("/caseload").status_code == 302  # logged out: back to the login page


def test_a_role_change_is_refused_with_the_field_named(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    admin = make_user("admin")
    consultant = make_user("consultant")
    location = make_organisation(kind="location")
    client.login(admin.email)
    no_org = client.submit(f"/beheer/gebruikers/{consultant.id}/rol", {"role": "employer", "organisation_id": ""})
    assert no_org.status_code == 422 and 'href="#organisation_id"' in no_org.get_data(as_text=True)
    wrong_kind = client.submit(
        f"/beheer/gebruikers/{consultant.id}/rol", {"role": "employer", "organisation_id": str(location)}
    )
    assert wrong_kind.status_code == 422 and "Kies de organisatie van deze werkgever" in wrong_kind.get_data(
        as_text=True
    )
    own = client.submit(f"/beheer/gebruikers/{admin.id}/rol", {"role": "consultant"})
    assert own.status_code == 422 and "eigen rol" in own.get_data(as_text=True)
    with app.app_context(), unit_of_work(app) as session:
        assert session.get(User, consultant.id).role == "consultant"  # type: ignore[union-attr]
        assert session.get(User, admin.id).role == "admin"  # type: ignore[union-attr]


def test_a_reset_link_lets_the_user_choose_a_new_password_once(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    employer = make_user("consultant")
    theirs = _other_client(app)
    theirs.login(employer.email)
    client.login(make_user("admin").email)
    shown = client.submit(f"/beheer/gebruikers/{employer.id}/herstellen").get_data(as_text=True)
    link = re.search(r'value="(http://[^"]+/wachtwoord-herstellen/[^"]+)"', shown)
    assert link, "the page shows the link once"
    path = link.group(1).split("localhost", 1)[-1]
    assert theirs.get("/caseload").status_code == 302  # every session of the user ended
    with app.app_context(), unit_of_work(app) as session:
        stored = session.get(User, employer.id)
        assert stored and stored.reset_token_hash and path.rsplit("/", 1)[-1] not in stored.reset_token_hash
    visitor = _other_client(app)
    assert visitor.login(employer.email, PASSWORD).status_code == 401  # the old password is gone
    assert employer.email in visitor.get(path).get_data(as_text=True)
    mismatch = visitor.submit(path, {"new_password": "nieuw-wachtwoord-1", "repeat_password": "iets-anders-12"})
    assert mismatch.status_code == 422 and 'href="#repeat_password"' in mismatch.get_data(as_text=True)
    done = visitor.submit(path, {"new_password": "nieuw-wachtwoord-1", "repeat_password": "nieuw-wachtwoord-1"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/inloggen")
    assert visitor.get(path).status_code == 404  # used once
    assert _other_client(app).login(employer.email, "nieuw-wachtwoord-1").status_code == 302


def test_an_expired_or_unknown_reset_link_is_refused(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    from datetime import timedelta

    from carrousel.models import utcnow

    user = make_user("adviser")
    client.login(make_user("admin").email)
    shown = client.submit(f"/beheer/gebruikers/{user.id}/herstellen").get_data(as_text=True)
    path = "/wachtwoord-herstellen/" + re.search(r"/wachtwoord-herstellen/([^\"]+)\"", shown).group(1)  # type: ignore[union-attr]
    with app.app_context(), unit_of_work(app) as session:
        stored = session.get(User, user.id)
        stored.reset_expires_at = utcnow() - timedelta(minutes=1)  # type: ignore[union-attr]
    page = _other_client(app).get(path)
    assert page.status_code == 404 and "verlopen of al gebruikt" in page.get_data(as_text=True)
    assert _other_client(app).get("/wachtwoord-herstellen/verzonnen").status_code == 404


def test_deactivating_oneself_answers_a_dutch_page_not_a_bare_redirect(
    client: Client, make_user: Callable[..., Account]
) -> None:
    admin = make_user("admin")
    client.login(admin.email)
    response = client.submit(f"/beheer/gebruikers/{admin.id}/actief", {"active": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Redirecting" not in page and '<html lang="nl">' in page
    assert "U kunt uw eigen account niet deactiveren" in page


def test_the_header_does_not_repeat_the_role_as_the_name(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    admin = make_user("admin")
    with app.app_context(), unit_of_work(app) as session:
        session.get(User, admin.id).name = "Functioneel beheer"  # type: ignore[union-attr]
    client.login(admin.email)
    page = client.get("/beheer").get_data(as_text=True)
    assert "Functioneel beheer · Functioneel beheer" not in page
    assert "<span>Functioneel beheer</span>" in page


def test_the_access_log_names_changed_fields_in_dutch(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel")
    client.login(consultant.email)
    client.submit(
        f"/caseload/{resident}/bewerken",
        {"name": "Inwoner Test", "birth_year": "1990", "postcode": "6701AB", "route": "snel", "snel_months": "6"},
    )
    with app.app_context(), unit_of_work(app) as session:
        details = [row.detail for row in session.exec(select(AccessLog).where(AccessLog.action == "gewijzigd"))]
    assert details == ["termijn snel naar werk"]
    client.login(make_user("admin").email)
    assert "snel_months" not in client.get("/beheer/toegangslog").get_data(as_text=True)
