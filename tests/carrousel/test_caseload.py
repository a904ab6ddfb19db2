"""The caseload: isolation between consultants, access log, timeline, export, erasure."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import AbcMeasurement, AccessLog, Resident, ResidentEvent
from tests.conftest import Client, bearer


def _log(app: Flask, resident_id: int) -> list[tuple[int | None, str]]:
    with app.app_context(), unit_of_work(app) as session:
        rows = session.exec(select(AccessLog).where(AccessLog.resident_id == resident_id).order_by(AccessLog.id)).all()
        return [(row.user_id, row.action) for row in rows]


def test_a_consultant_cannot_read_or_change_another_consultants_resident(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    owner, other = make_user("consultant"), make_user("consultant")
    resident = make_resident(owner, name="Fatima El Amrani")
    token = token_for(other)
    for method, url, body in (
        ("GET", f"/api/v1/residents/{resident}", None),
        ("PATCH", f"/api/v1/residents/{resident}", {"name": "Gekaapt"}),
        ("POST", f"/api/v1/residents/{resident}/abc", {"level": "G2", "measured_on": "2026-01-01"}),
        ("GET", f"/api/v1/residents/{resident}/export", None),
        ("GET", f"/api/v1/residents/{resident}/matches", None),
    ):
        assert client.open(url, method=method, json=body, headers=bearer(token)).status_code == 404, url
    assert client.get("/api/v1/residents", headers=bearer(token)).get_json() == {"items": [], "total": 0}
    client.login(other.email)
    for page in (f"/caseload/{resident}", f"/caseload/{resident}/bewerken", f"/caseload/{resident}/plekken"):
        assert client.get(page).status_code == 404, page
    assert "Fatima" not in client.get("/caseload").get_data(as_text=True)
    assert client.submit(f"/caseload/{resident}/wissen", {"confirm": "1"}).status_code == 404


@pytest.mark.parametrize("role", ["adviser", "employer", "location", "admin"])
def test_no_other_role_reads_any_resident(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
    role: str,
) -> None:
    resident = make_resident(make_user("consultant"), name="Geheime Naam")
    org = make_organisation() if role in ("employer", "location") else None
    account = make_user(role, organisation_id=org)
    token = token_for(account)
    assert client.get("/api/v1/residents", headers=bearer(token)).status_code == 403
    assert client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).status_code == 403
    client.login(account.email)
    assert client.get(f"/caseload/{resident}").status_code == 403
    assert "Geheime Naam" not in client.get("/").get_data(as_text=True)


def test_every_view_and_change_lands_in_the_access_log(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    token = token_for(consultant)
    client.get(f"/api/v1/residents/{resident}", headers=bearer(token))
    client.patch(f"/api/v1/residents/{resident}", headers=bearer(token), json={"hours_available": 20})
    client.get(f"/api/v1/residents/{resident}/export", headers=bearer(token))
    client.login(consultant.email)
    client.get(f"/caseload/{resident}")
    actions = [action for user, action in _log(app, resident) if user == consultant.id]
    assert actions == ["aanmaken", "bekijken", "wijzigen", "gewijzigd", "exporteren", "bekijken"]
    admin = make_user("admin")
    client.login(admin.email)
    with app.app_context(), unit_of_work(app) as session:
        code = session.get(Resident, resident).code  # type: ignore[union-attr]
    log_page = client.get(f"/beheer/toegangslog?q={code}").get_data(as_text=True)
    assert log_page.count("<td>Bekeken</td>") == 2 and consultant.name in log_page


def test_each_switch_appears_in_the_timeline_with_reason_and_author(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel", phase="orientatie", ladder_now=2)
    placement = make_placement()
    token = token_for(consultant)
    for change in (
        {"route": "meedoen", "reason": "Terugval: eerst meedoen"},
        {"phase": "ontwikkeling"},
        {"ladder_now": 3},
        {"route": "snel", "snel_months": 3},
    ):
        assert client.patch(f"/api/v1/residents/{resident}", headers=bearer(token), json=change).status_code == 200
    client.post(
        f"/api/v1/residents/{resident}/abc",
        headers=bearer(token),
        json={"level": "G3", "measured_on": date.today().isoformat()},
    )
    events = client.get(f"/api/v1/residents/{resident}/timeline", headers=bearer(token)).get_json()["items"]
    steps = [(e["kind"], e["old_value"], e["new_value"]) for e in reversed(events)]
    assert steps == [
        ("aangemaakt", "", "snel"),
        ("route", "snel", "meedoen"),
        ("fase", "orientatie", "ontwikkeling"),
        ("trede", "2", "3"),
        ("route", "meedoen", "snel"),
        ("abc", "", "G3"),
    ]
    assert events[-2]["reason"] == "Terugval: eerst meedoen"
    assert all(e["author_id"] == consultant.id for e in events)
    body = client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).get_json()
    assert body["abc"] == "G3" and body["deadline"] is not None
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}").get_data(as_text=True)
    assert "Terugval: eerst meedoen" in page and "Route: Snel naar werk → Meedoen" in page
    # A placement is no longer a field to set: it follows the started proposal (tests/carrousel/test_proposals.py).
    refused = client.patch(f"/api/v1/residents/{resident}", headers=bearer(token), json={"placement_id": placement})
    assert refused.status_code == 422 and "voorstel" in refused.get_json()["error"]["fields"]["placement_id"]


def test_the_latest_measurement_by_date_counts(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    token = token_for(consultant)
    for level, day in (("G4", "2026-05-01"), ("G2", "2026-09-01"), ("G6", "2026-01-01")):
        assert (
            client.post(
                f"/api/v1/residents/{resident}/abc", headers=bearer(token), json={"level": level, "measured_on": day}
            ).status_code
            == 201
        )
    assert client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).get_json()["abc"] == "G2"
    future = client.post(
        f"/api/v1/residents/{resident}/abc", headers=bearer(token), json={"level": "G1", "measured_on": "2999-01-01"}
    )
    assert future.status_code == 422 and "measured_on" in future.get_json()["error"]["fields"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"birth_year": "negentig"}, "birth_year"),
        ({"postcode": "99"}, "postcode"),
        ({"route": "langzaam"}, "route"),
        ({"ladder_now": 9}, "ladder_now"),
        ({"needs": ["taxi"]}, "needs"),
        ({"name": ""}, "name"),
        ({"ontheffing_until": "morgen"}, "ontheffing_until"),
        ({"hours_available": -4}, "hours_available"),
        ({"snel_months": 4}, "snel_months"),
        ({"bsn": "123456782"}, "bsn"),
    ],
)
def test_bad_resident_input_answers_422_with_the_field_named(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    token_for: Callable[..., str],
    payload: dict,
    field: str,
) -> None:
    token = token_for(make_user("consultant"))
    base = {"name": "Nieuw", "birth_year": 1990, "postcode": "6701AB"}
    response = client.post("/api/v1/residents", headers=bearer(token), json={**base, **payload})
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(Resident)).all() == []


def test_the_page_form_shows_a_dutch_message_per_field(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("consultant").email)
    response = client.submit("/caseload/nieuw", {"name": "", "birth_year": "x", "postcode": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="name-error"' in page and 'id="birth_year-error"' in page and "Vul een Nederlandse postcode in" in page


def test_codes_are_random_not_derived(
    make_user: Callable[..., Account], make_resident: Callable[..., int], app: Flask
) -> None:
    consultant = make_user("consultant")
    ids = [make_resident(consultant, name="Zelfde Naam", birth_year=1990) for _ in range(5)]
    with app.app_context(), unit_of_work(app) as session:
        codes = {session.get(Resident, i).code for i in ids}  # type: ignore[union-attr]
    assert len(codes) == 5
    assert not any("1990" in code or "zelfde" in code.lower() for code in codes)


def test_export_holds_everything_and_erasure_leaves_no_personal_data(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant, adviser = make_user("consultant"), make_user("adviser")
    resident = make_resident(
        consultant,
        name="Wis Mij",
        postcode="6702AB",
        birth_year=1977,
        talents="Schilderen",
        contact="06-12345678",
        wished_occupations=["Schilder"],
        route="meedoen",
        ladder_now=4,
    )
    make_resident(consultant, name="Blijft", route=None)
    token = token_for(consultant)
    client.post(
        f"/api/v1/residents/{resident}/abc", headers=bearer(token), json={"level": "G5", "measured_on": "2026-02-01"}
    )
    export = client.get(f"/api/v1/residents/{resident}/export", headers=bearer(token)).get_json()
    assert export["resident"]["name"] == "Wis Mij" and export["abc_measurements"][0]["level"] == "G5"
    assert export["timeline"] and export["access_log"]
    adviser_token = token_for(adviser)
    before = client.get("/api/v1/goals", headers=bearer(adviser_token)).get_json()["residents"]

    assert client.post(f"/api/v1/residents/{resident}/erase", headers=bearer(token)).status_code == 204
    assert client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).status_code == 404
    with app.app_context(), unit_of_work(app) as session:
        row = session.get(Resident, resident)
        stored = json.dumps(row.model_dump(mode="json"))  # type: ignore[union-attr]
        for secret in ("Wis Mij", "6702", "1977", "Schilderen", "06-12345678", "Schilder"):
            assert secret not in stored, secret
        assert session.exec(select(AbcMeasurement).where(AbcMeasurement.resident_id == resident)).all() == []
        assert session.exec(select(ResidentEvent).where(ResidentEvent.resident_id == resident)).all() == []
    after = client.get("/api/v1/goals", headers=bearer(adviser_token)).get_json()["residents"]
    # Erased residents count in no share (DOMAIN.md): one resident and one classified fewer.
    assert (after["total"], after["classified"]["count"]) == (before["total"] - 1, before["classified"]["count"] - 1)
    assert [r["name"] for r in client.get("/api/v1/residents", headers=bearer(token)).get_json()["items"]] == ["Blijft"]


def test_hand_over_moves_the_resident_and_sharing_lets_a_colleague_see(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    first, second, third = make_user("consultant"), make_user("consultant"), make_user("consultant")
    resident = make_resident(first)
    client.login(first.email)
    assert (
        client.submit(f"/caseload/{resident}/overdragen", {"consultant_id": third.id, "action": "delen"}).status_code
        == 302
    )
    assert client.get(f"/api/v1/residents/{resident}", headers=bearer(token_for(third))).status_code == 200
    assert (
        client.submit(
            f"/caseload/{resident}/overdragen", {"consultant_id": second.id, "reason": "Verhuisd"}
        ).status_code
        == 302
    )
    assert client.get(f"/caseload/{resident}").status_code == 404
    body = client.get(f"/api/v1/residents/{resident}", headers=bearer(token_for(second))).get_json()
    assert body["consultant_id"] == second.id
    events = client.get(f"/api/v1/residents/{resident}/timeline", headers=bearer(token_for(second))).get_json()["items"]
    assert events[0]["kind"] == "consulent" and events[0]["reason"] == "Verhuisd"


def test_caseload_filters(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    from datetime import date, timedelta

    consultant = make_user("consultant")
    make_resident(
        consultant,
        name="Deadline Snel",
        route="snel",
        snel_months=3,
        route_started_on=date.today() - timedelta(days=80),
    )
    make_resident(consultant, name="Geen Route", route=None, last_contact_on=date(date.today().year - 1, 5, 1))
    make_resident(
        consultant,
        name="Ontheffing Eindigt",
        route="meedoen",
        ontheffing_until=date.today() + timedelta(days=10),
        last_contact_on=date.today(),
    )
    token = token_for(consultant)

    def names(query: str) -> list[str]:
        items = client.get(f"/api/v1/residents?{query}", headers=bearer(token)).get_json()["items"]
        return [item["name"] for item in items]

    assert names("deadline=30") == ["Deadline Snel"]
    assert names("ontheffing=ending") == ["Ontheffing Eindigt"]
    assert names("abc=none") == ["Deadline Snel", "Geen Route", "Ontheffing Eindigt"]
    assert "Ontheffing Eindigt" not in names("contact=none_this_year")
    assert names("q=route") == ["Geen Route"]
    assert names("sort=name&limit=1&offset=1") == ["Geen Route"]
    assert client.get("/api/v1/residents?route=x", headers=bearer(token)).status_code == 422
    client.login(consultant.email)
    assert "(binnen 30 dagen)" in client.get("/caseload?deadline=30").get_data(as_text=True)


def test_abc_may_come_with_the_resident_as_a_measurement_of_today(
    client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    token = token_for(make_user("consultant"))
    body = client.post(
        "/api/v1/residents",
        headers=bearer(token),
        json={"name": "Met ABC", "birth_year": 1980, "postcode": "6701", "abc": "G4"},
    ).get_json()
    assert body["abc"] == "G4" and body["abc_measured_on"] == date.today().isoformat()
    changed = client.patch(f"/api/v1/residents/{body['id']}", headers=bearer(token), json={"abc": "G3"}).get_json()
    assert changed["abc"] == "G3"
    kinds = [
        e["kind"]
        for e in client.get(f"/api/v1/residents/{body['id']}/timeline", headers=bearer(token)).get_json()["items"]
    ]
    assert kinds.count("abc") == 2
    bad = client.post(
        "/api/v1/residents",
        headers=bearer(token),
        json={"name": "X", "birth_year": 1980, "postcode": "6701", "abc": "G8"},
    )
    assert bad.status_code == 422 and "abc" in bad.get_json()["error"]["fields"]
