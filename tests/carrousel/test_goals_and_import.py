"""The connected rule behind /goals, and bulk import with a dry run and per-row errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, update
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import Organisation, Placement
from tests.conftest import Client, bearer


def _set_placement(app: Flask, placement_id: int, **values: object) -> None:
    with app.app_context(), unit_of_work(app) as session:
        session.exec(update(Placement).where(Placement.id == placement_id).values(**values))  # type: ignore[call-overload]


def test_goals_count_connected_organisations_by_the_domain_rule(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    now = datetime.now(UTC)
    open_employer = make_organisation(name="Open werkgever")
    make_placement(open_employer)
    recently_filled = make_organisation(name="Onlangs vervuld")
    _set_placement(app, make_placement(recently_filled), status="filled", filled_at=now - timedelta(days=300))
    long_ago = make_organisation(name="Lang geleden vervuld")
    _set_placement(app, make_placement(long_ago), status="filled", filled_at=now - timedelta(days=400))
    only_draft = make_organisation(name="Alleen concept")
    make_placement(only_draft, status="draft")
    pending = make_organisation(name="Nog niet goedgekeurd", status="pending")
    _set_placement(app, make_placement(pending, status="draft"), status="open")
    expired = make_organisation(name="Verlopen plek")
    _set_placement(app, make_placement(expired), end_date=(now - timedelta(days=1)).date())
    location = make_organisation(kind="location", name="Open locatie")
    make_placement(location, type="activerend_werk")

    token = token_for(make_user("adviser"))
    goals = client.get("/api/v1/goals", headers=bearer(token)).get_json()
    names = {kind: [c["name"] for c in items] for kind, items in goals["connected"].items()}
    assert names == {"employer": ["Onlangs vervuld", "Open werkgever"], "location": ["Open locatie"]}
    end_2026 = next(t for t in goals["targets"] if t["date"] == "2026-12-31")
    assert end_2026["employers"] == {"target": 12, "actual": 2, "met": False}
    assert end_2026["locations"] == {"target": 10, "actual": 1, "met": False}
    page = client.get("/doelen")
    assert page.status_code == 302  # pages need the browser login
    client.login(make_user("adviser").email)
    html = client.get("/doelen").get_data(as_text=True)
    connected, to_chase = html.split("Goedgekeurd maar niet aangesloten")
    assert "2 van 12" in connected and "Onlangs vervuld" in connected and "Lang geleden vervuld" not in connected
    # Approved but not connected: the organisations the adviser should chase.
    assert "Lang geleden vervuld" in to_chase and "Alleen concept" in to_chase and "Open werkgever" not in to_chase
    assert [o["name"] for o in goals["to_chase"]] == ["Alleen concept", "Lang geleden vervuld", "Verlopen plek"]


def _csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _upload(client: Client, kind: str, name: str, content: bytes) -> object:
    return client.post(
        "/importeren",
        data={"csrf_token": client.csrf_token(), "kind": kind, "mode": "check", "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def _count(app: Flask, model: type) -> int:
    with app.app_context(), unit_of_work(app) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_import_of_1000_placements_is_checked_and_loaded_quickly_with_errors_per_row(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    make_organisation(name="Groot Bedrijf")
    client.login(make_user("adviser").email)
    rows: list[dict[str, object]] = [
        {
            "organisation_name": "Groot Bedrijf",
            "title": f"Plek {i}",
            "type": "regulier",
            "postcode": "6701AB",
            "routes": "snel;ontwikkeling",
            "min_hours": 8,
            "max_hours": 32,
            "occupation": "Schoonmakers",
            "status": "open",
            "driving_licence": "nee",
        }
        for i in range(1000)
    ]
    rows[10]["postcode"] = "fout"
    rows[500]["type"] = "droombaan"
    rows[999]["organisation_name"] = "Bestaat Niet BV"
    check = _upload(client, "placements", "plekken.csv", _csv(rows))
    html = check.get_data(as_text=True)  # type: ignore[attr-defined]
    assert check.status_code == 200  # type: ignore[attr-defined]
    assert "997 geldige rijen, 3 fouten" in html
    for row_number, field in ((12, "postcode"), (502, "soort"), (1001, "organisatie")):
        assert f"<td>{row_number}</td><td>{field}</td>" in html
    assert _count(app, Placement) == 0  # the dry run wrote nothing
    token = html.split('name="token" value="')[1].split('"')[0]
    refused = client.submit("/importeren", {"kind": "placements", "mode": "all", "token": token})
    assert refused.status_code == 422 and _count(app, Placement) == 0
    loaded = client.submit("/importeren", {"kind": "placements", "mode": "valid", "token": token})
    assert loaded.status_code == 302
    assert _count(app, Placement) == 997


def test_import_organisations_from_xlsx_and_export_round_trip(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    client.login(make_user("adviser").email)
    book = Workbook()
    sheet = book.active
    sheet.append(["kind", "name", "postcode", "sector", "contact_email"])
    sheet.append(["werkgever", "Garage Jansen", "6701 ab", "Voertuigentechniek", "info@jansen.nl"])
    sheet.append(["aanbieder", "Buurttuin Oost", "3861", "Groen", "tuin@oost.nl"])
    data = io.BytesIO()
    book.save(data)
    check = _upload(client, "organisations", "organisaties.xlsx", data.getvalue())
    html = check.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "2 geldige rijen, 0 fouten" in html
    token = html.split('name="token" value="')[1].split('"')[0]
    assert client.submit("/importeren", {"kind": "organisations", "mode": "all", "token": token}).status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        kinds = dict(session.exec(select(Organisation.name, Organisation.kind)).all())
    assert kinds == {"Garage Jansen": "employer", "Buurttuin Oost": "location"}
    exported = client.get("/export/organisations.xlsx")
    sheet = load_workbook(io.BytesIO(exported.data)).active
    names = sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Buurttuin Oost", "Garage Jansen"]
    assert b"Garage Jansen" in client.get("/export/organisations.csv").data


def test_import_refuses_an_unreadable_file_with_a_clear_message(
    client: Client, make_user: Callable[..., Account]
) -> None:
    client.login(make_user("adviser").email)
    for name, content, text in (
        ("x.pdf", b"%PDF", "CSV- of Excel"),
        ("x.xlsx", b"geen excel", "geen leesbaar Excel"),
        ("x.csv", b"", "leeg"),
    ):
        response = _upload(client, "organisations", name, content)
        assert response.status_code == 422  # type: ignore[attr-defined]
        assert text in response.get_data(as_text=True)  # type: ignore[attr-defined]


def test_imported_organisations_without_status_wait_and_duplicates_are_warned_per_row(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    """Issue 20, item 3: an empty status is pending unless chosen; the check step warns of twins."""
    make_organisation(name="Bakkerij De Korenschoof", postcode="6701AB")
    client.login(make_user("adviser").email)
    rows = [
        {
            "soort": "werkgever",
            "naam": "bakkerij de korenschoof",
            "postcode": "6701 CD",
            "e-mailadres": "a@b.nl",
            "status": "",
        },
        {"soort": "werkgever", "naam": "Fietsen Smit", "postcode": "6702AB", "e-mailadres": "c@d.nl", "status": ""},
        {
            "soort": "werkgever",
            "naam": "Fietsen Smit BV",
            "postcode": "6702XY",
            "e-mailadres": "e@f.nl",
            "status": "goedgekeurd",
        },
    ]
    check = _upload(client, "organisations", "organisaties.csv", _csv(rows))
    html = check.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "3 geldige rijen, 0 fouten" in html and "Misschien dubbel (2)" in html
    assert "Lijkt op ‘Bakkerij De Korenschoof’ (6701AB), die er al is." in html
    assert "Lijkt op rij 3 van dit bestand: ‘Fietsen Smit’ (6702AB)." in html
    assert "wacht op goedkeuring" in html
    token = html.split('name="token" value="')[1].split('"')[0]
    assert client.submit("/importeren", {"kind": "organisations", "mode": "all", "token": token}).status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        statuses = dict(session.exec(select(Organisation.name, Organisation.status)).all())
    assert statuses["bakkerij de korenschoof"] == "pending" and statuses["Fietsen Smit"] == "pending"
    assert statuses["Fietsen Smit BV"] == "approved"  # the file's own status goes first


def test_the_adviser_may_choose_to_approve_organisations_without_status(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    client.login(make_user("adviser").email)
    content = _csv([{"soort": "aanbieder", "naam": "Buurttuin Noord", "postcode": "3861AB", "e-mailadres": "x@y.nl"}])
    check = client.post(
        "/importeren",
        data={
            "csrf_token": client.csrf_token(),
            "kind": "organisations",
            "mode": "check",
            "empty_status": "approved",
            "file": (io.BytesIO(content), "organisaties.csv"),
        },
        content_type="multipart/form-data",
    )
    html = check.get_data(as_text=True)
    token = html.split('name="token" value="')[1].split('"')[0]
    assert 'name="empty_status" value="approved"' in html
    assert (
        client.submit(
            "/importeren", {"kind": "organisations", "mode": "all", "token": token, "empty_status": "approved"}
        ).status_code
        == 302
    )
    with app.app_context(), unit_of_work(app) as session:
        assert (
            session.exec(select(Organisation.status).where(Organisation.name == "Buurttuin Noord")).one() == "approved"
        )
