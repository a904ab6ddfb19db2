"""Bad input answers 4xx naming what is wrong, never a 500 and never a half-written record.

Each case is one the security test found answering 500; the PostgreSQL-only ones (NUL bytes)
run on both databases because the suite runs on both.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask import Flask
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import Organisation, Resident
from tests.conftest import Client, bearer

TOO_BIG = str(2**63)  # beyond every database integer (PostgreSQL int4 and int8, SQLite)
INT4_PLUS_ONE = str(2**31)


def _count(app: Flask, model: type) -> int:
    with app.app_context(), unit_of_work(app) as session:
        return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def consultant_token(make_user: Callable[..., Account], token_for: Callable[..., str]) -> tuple[Account, str]:
    user = make_user("consultant")
    return user, token_for(user)


@pytest.mark.parametrize("number", [TOO_BIG, INT4_PLUS_ONE])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/residents/{n}",
        "/api/v1/residents/{n}/matches",
        "/api/v1/placements/{n}",
        "/api/v1/placements/{n}/candidates",
        "/api/v1/organisations/{n}",
    ],
)
def test_an_id_beyond_the_database_integer_is_not_found(
    client: Client, consultant_token: tuple[Account, str], path: str, number: str
) -> None:
    _user, token = consultant_token
    response = client.get(path.format(n=number), headers=bearer(token))
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("name", ["offset", "organisation_id"])
def test_a_query_number_beyond_the_database_integer_names_the_parameter(
    client: Client, make_user: Callable[..., Account], token_for: Callable[..., str], name: str
) -> None:
    token = token_for(make_user("adviser"))
    response = client.get(f"/api/v1/placements?{name}={TOO_BIG}", headers=bearer(token))
    assert response.status_code == 422
    assert name in response.get_json()["error"]["fields"]


def test_a_body_number_beyond_the_database_integer_names_the_field(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    token = token_for(make_user("adviser"))
    body = {"organisation_id": 2**40, "title": "Te groot", "type": "regulier", "postcode": "6701AB"}
    response = client.post("/api/v1/placements", json=body, headers=bearer(token))
    assert response.status_code == 422
    assert "organisation_id" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize(
    ("path", "status"),
    # A filter the visitor typed is refused with its field named (and kept); a page number is ignored.
    [("/plekken?uren={n}", 422), ("/plekken?afstand={n}", 422), ("/plekken?pagina={n}", 200)],
)
@pytest.mark.parametrize("number", [TOO_BIG, "²", "١٢"])
def test_the_public_catalogue_ignores_numbers_it_cannot_use(
    client: Client, path: str, status: int, number: str
) -> None:
    response = client.get(path.format(n=number))
    assert response.status_code == status
    if status == 422:
        assert "Vul een heel getal in" in response.get_data(as_text=True)


@pytest.mark.parametrize("number", [TOO_BIG, "²", "-1"])
def test_pages_ignore_a_page_number_or_limit_they_cannot_use(
    client: Client, make_user: Callable[..., Account], make_placement: Callable[..., int], number: str
) -> None:
    placement = make_placement()
    client.login(make_user("adviser").email)
    assert client.get(f"/werkplekken?pagina={number}").status_code == 200
    assert client.get(f"/werkplekken/{placement}/kandidaten?limit={number}").status_code == 200
    assert client.get(f"/organisaties?pagina={number}").status_code == 200


def test_a_superscript_digit_in_a_form_id_is_refused(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    client.login(consultant.email)
    response = client.submit(f"/caseload/{resident}/overdragen", {"consultant_id": "²"})
    assert response.status_code == 422  # the resident's page again, the form with its error (issue 20)
    assert "Kies een consulent." in response.get_data(as_text=True)


def test_json_nested_1000_deep_is_a_bad_request(client: Client, consultant_token: tuple[Account, str]) -> None:
    _user, token = consultant_token
    deep = "[" * 1000 + "]" * 1000
    response = client.post("/api/v1/residents", data=deep, content_type="application/json", headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_a_lone_surrogate_is_refused_and_nothing_is_written(
    app: Flask, client: Client, consultant_token: tuple[Account, str]
) -> None:
    _user, token = consultant_token
    body = '{"name": "Jan \\ud800", "birth_year": 1990, "postcode": "6701AB"}'
    response = client.post("/api/v1/residents", data=body, content_type="application/json", headers=bearer(token))
    assert response.status_code == 422
    assert "name" in response.get_json()["error"]["fields"]
    assert _count(app, Resident) == 0


def test_a_nul_byte_in_a_query_is_refused(client: Client, make_user: Callable[..., Account]) -> None:
    token_user = make_user("adviser")
    client.login(token_user.email)
    response = client.get("/werkplekken?q=ab%00cd")
    assert response.status_code == 422
    assert "Zoekterm:" in response.get_data(as_text=True)  # the field named in Dutch (issue 20)
    assert client.get("/plekken?sector=%00").status_code == 422


def test_a_nul_byte_in_a_json_field_is_refused(
    app: Flask, client: Client, consultant_token: tuple[Account, str]
) -> None:
    _user, token = consultant_token
    body = {"name": "Jan\u0000", "birth_year": 1990, "postcode": "6701AB"}
    response = client.post("/api/v1/residents", json=body, headers=bearer(token))
    assert response.status_code == 422
    assert "name" in response.get_json()["error"]["fields"]
    assert _count(app, Resident) == 0


def test_a_nul_byte_in_the_login_email_is_a_failed_login(client: Client, make_user: Callable[..., Account]) -> None:
    user = make_user("consultant")
    response = client.post("/api/v1/auth/token", json={"email": user.email + "\u0000", "password": "x"})
    assert response.status_code in (400, 401, 422)
    page = client.submit("/inloggen", {"email": "a\u0000@test.nl", "password": "x"})
    assert page.status_code in (400, 401, 422)


def test_a_date_in_year_9999_is_refused_before_months_are_added(
    app: Flask, client: Client, consultant_token: tuple[Account, str], make_resident: Callable[..., int]
) -> None:
    user, token = consultant_token
    body = {"name": "Jan", "birth_year": 1990, "postcode": "6701AB", "route": "snel", "route_started_on": "9999-12-01"}
    response = client.post("/api/v1/residents", json=body, headers=bearer(token))
    assert response.status_code == 422
    assert "route_started_on" in response.get_json()["error"]["fields"]
    resident = make_resident(user)
    patch = client.patch(
        f"/api/v1/residents/{resident}",
        json={"route_started_on": "9999-12-31", "route": "ontwikkeling"},
        headers=bearer(token),
    )
    assert patch.status_code == 422
    assert _count(app, Resident) == 1


def _upload(client: Client, name: str, content: bytes, kind: str = "organisations") -> object:
    return client.post(
        "/importeren",
        data={"csrf_token": client.csrf_token(), "kind": kind, "mode": "check", "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_a_single_column_csv_is_read(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("adviser").email)
    response = _upload(client, "een.csv", b"naam\nBakkerij De Korrel\nFietsenmaker\n")
    assert response.status_code == 200  # type: ignore[attr-defined]
    html = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "0 geldige rijen" in html and "<td>2</td><td>soort</td>" in html  # read; each row lacks the kind


def test_a_csv_field_over_the_csv_limit_is_refused_with_a_message(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    client.login(make_user("adviser").email)
    content = b"soort;naam\nwerkgever;" + b"x" * 140_000 + b"\n"
    response = _upload(client, "groot.csv", content)
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "te lang" in response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert _count(app, Organisation) == 0


def test_an_xlsx_whose_active_sheet_index_is_out_of_range_is_read(
    client: Client, make_user: Callable[..., Account]
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["soort", "naam", "postcode", "sector", "e-mailadres"])
    sheet.append(["werkgever", "Bakkerij", "6701AB", "Horeca", "info@bakkerij.nl"])
    book.active = 7  # a broken or hand-edited file: the index points at no sheet
    out = io.BytesIO()
    book.save(out)
    client.login(make_user("adviser").email)
    response = _upload(client, "actief.xlsx", out.getvalue())
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "1 rij" in response.get_data(as_text=True)  # type: ignore[attr-defined]
