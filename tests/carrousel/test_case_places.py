# ruff: noqa: F811  (the `case` fixture comes from test_case_lifetime)
"""The case over its lifetime (issue 16): several places, time limits, reminders that come back,
the caseload's hand-over and shares, and the migration that carries `placement_id` over."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from flask import Flask
from sqlalchemy import create_engine, text
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.dates import add_months
from carrousel.db import alembic_config, unit_of_work
from carrousel.goals.measures import goal_figures
from carrousel.models import Proposal, Reminder
from carrousel.reminders.operations import sync_reminders
from tests.carrousel.proposals_flow import step
from tests.carrousel.test_case_lifetime import Case, case  # noqa: F401  (the fixture)
from tests.conftest import bearer

TODAY = date.today()


def _months(months: int, days: int = 0) -> str:
    return (add_months(TODAY, months) + timedelta(days=days)).isoformat()


# 5. Several activities -----------------------------------------------------------------------


def test_one_paid_and_one_unpaid_place_at_once_never_two_of_a_kind(
    case: Case, make_placement: Callable[..., int], make_organisation: Callable[..., int]
) -> None:
    location = make_organisation(kind="location", name="Buurthuis")
    volunteering = make_placement(location, title="Gastvrouw", type="vrijwilligerswerk")
    other_volunteering = make_placement(location, title="Koken", type="vrijwilligerswerk")
    paid = case.proposal("started")  # regulier: paid, part-time work
    unpaid = case.proposal("started", placement=volunteering)
    places = case.resident_json()["placements"]
    assert [(p["placement_id"], p["paid"]) for p in places] == [(case.placement, True), (volunteering, False)]
    second = case.proposal("introduced", placement=other_volunteering)
    refused = step(case.client, case.tokens["consultant"], second, "started")
    assert refused.status_code == 409 and "al een onbetaalde werkplek" in refused.get_json()["error"]["message"]
    assert step(case.client, case.tokens["consultant"], unpaid, "ended", outcome="completed").status_code == 200
    assert step(case.client, case.tokens["consultant"], second, "started").status_code == 200
    assert len(case.resident_json()["placements"]) == 2 and paid
    case.client.login(case.accounts["consultant"].email)
    page = case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)
    assert "(betaald" in page and "(onbetaald" in page


def _insert(connection: Any, table: str, values: dict[str, Any]) -> None:
    """A row as an older schema takes it: every other required column gets a plain value of its type."""
    for _, name, kind, notnull, default, primary in connection.execute(text(f"PRAGMA table_info({table})")):
        if notnull and default is None and not primary and name not in values:
            kind = kind.upper()
            if "INT" in kind or "BOOL" in kind or "FLOAT" in kind or "NUMERIC" in kind:
                values[name] = 0
            elif "DATETIME" in kind or "TIMESTAMP" in kind:
                values[name] = "2026-03-01 12:00:00"
            elif "DATE" in kind:
                values[name] = "2026-03-01"
            elif "JSON" in kind:
                values[name] = "[]"
            else:
                values[name] = ""
    names = ", ".join(values)
    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)})"), values)


def test_the_migration_carries_a_placed_resident_over_and_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    config = alembic_config(engine)
    command.upgrade(config, "0008")
    with engine.begin() as c:
        _insert(c, "organisation", {"id": 1, "kind": "employer", "name": "Bakkerij", "status": "approved"})
        _insert(c, "placement", {"id": 1, "organisation_id": 1, "title": "Bakken", "type": "regulier", "capacity": 1})
        _insert(c, "resident", {"id": 1, "name": "Sanne", "code": "R-AAAA", "placement_id": 1, "phase": "intake"})
        _insert(c, "resident", {"id": 2, "name": "Daan", "code": "R-BBBB", "placement_id": None, "phase": "intake"})
        _insert(c, "resident_event", {"resident_id": 1, "kind": "werkplek", "new_value": "1", "on_date": "2026-03-02"})
    command.upgrade(config, "head")
    with engine.connect() as c:
        carried = c.execute(text("SELECT resident_id, placement_id, status, started_on FROM proposal")).all()
        assert [tuple(row) for row in carried] == [(1, 1, "started", "2026-03-02")]
        events = c.execute(text("SELECT status, role FROM proposal_event ORDER BY id")).all()
        assert [tuple(e) for e in events] == [("proposed", "system"), ("started", "system")]
        assert c.execute(text("SELECT case_status FROM resident WHERE id = 1")).scalar() == "open"
    command.downgrade(config, "0008")
    with engine.connect() as c:
        rows = c.execute(text("SELECT id, placement_id FROM resident ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, 1), (2, None)]
    engine.dispose()


# 6. Time limits on the resident's place ------------------------------------------------------


def test_a_participatieplaats_extends_by_at_most_a_year_over_all_of_them(
    case: Case, make_placement: Callable[..., int], make_organisation: Callable[..., int]
) -> None:
    first_place = make_placement(case.organisation, title="Magazijn", type="participatieplaats")
    first = case.proposal("started", placement=first_place)
    assert case.get("consultant", f"/api/v1/proposals/{first}").get_json()["end_on"] == _months(24)
    url = f"/api/v1/proposals/{first}/extend"
    no_reason = case.post("consultant", url, {"until": _months(30)})
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["error"]["fields"]
    beyond = case.post("consultant", url, {"until": _months(36, 1), "reason": "Nog niet klaar"})
    assert beyond.status_code == 422 and "until" in beyond.get_json()["error"]["fields"]
    extended = case.post("consultant", url, {"until": _months(30), "reason": "Nog niet klaar"})
    assert extended.status_code == 200 and extended.get_json()["end_on"] == _months(30)
    assert extended.get_json()["history"][-1]["status"] == "extended"
    assert case.post("employer", url, {"until": _months(31), "reason": "x"}).status_code == 403
    assert step(case.client, case.tokens["consultant"], first, "ended", outcome="completed").status_code == 200
    # The second participatieplaats has the half year of extension that is left, not a new year.
    second_place = make_placement(make_organisation(name="Zorghuis"), title="Tuin", type="participatieplaats")
    second = case.proposal("started", placement=second_place)
    again = f"/api/v1/proposals/{second}/extend"
    term_end = add_months(TODAY, 24)
    used = (add_months(TODAY, 30) - term_end).days
    latest = term_end + timedelta(days=(add_months(term_end, 12) - term_end).days - used)
    one_more = {"until": (latest + timedelta(days=1)).isoformat(), "reason": "Meer tijd"}
    assert case.post("consultant", again, one_more).status_code == 422
    assert case.post("consultant", again, {"until": latest.isoformat(), "reason": "Meer tijd"}).status_code == 200


def test_a_proefplaatsing_runs_at_most_its_maximum_at_one_organisation(
    case: Case, make_placement: Callable[..., int]
) -> None:
    trial = make_placement(case.organisation, title="Proef", type="proefplaatsing")
    proposal = case.proposal("started", placement=trial)
    assert case.get("consultant", f"/api/v1/proposals/{proposal}").get_json()["end_on"] == _months(3)
    url = f"/api/v1/proposals/{proposal}/extend"
    assert case.post("consultant", url, {"until": _months(6, 1), "reason": "Meer tijd"}).status_code == 422
    assert case.post("consultant", url, {"until": _months(6), "reason": "Meer tijd"}).status_code == 200


def test_the_placements_own_end_date_is_free(case: Case) -> None:
    created = case.client.post(
        "/api/v1/placements",
        headers=bearer(case.tokens["adviser"]),
        json={
            "organisation_id": case.organisation,
            "title": "Proefplaatsing bakkerij",
            "type": "proefplaatsing",
            "postcode": "6701AB",
            "status": "open",
            "start_date": TODAY.isoformat(),
            "end_date": _months(24),  # the offer runs two years; each resident's trial stays within its limit
        },
    )
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["end_date"] == _months(24)


def test_past_its_end_a_place_is_no_longer_participation_and_the_consultant_is_told(
    app: Flask, case: Case, make_placement: Callable[..., int]
) -> None:
    trial = make_placement(case.organisation, title="Proef", type="proefplaatsing")
    proposal = case.proposal("started", placement=trial)
    settings = app.config["CARROUSEL"]
    with app.app_context(), unit_of_work(app) as session:
        assert goal_figures(session, settings, TODAY).participating == 1
        end = add_months(TODAY, 3)
        assert goal_figures(session, settings, end).participating == 1  # the last day still counts
        assert goal_figures(session, settings, end + timedelta(days=1)).participating == 0
        sync_reminders(session, settings, end)
        assert not session.exec(select(Reminder).where(Reminder.kind == "trial_overdue")).all()
        sync_reminders(session, settings, end + timedelta(days=1))
        overdue = session.exec(select(Reminder).where(Reminder.kind == "trial_overdue")).all()
        assert [r.proposal_id for r in overdue] == [proposal]
        assert "verleng, beëindig of wissel" in overdue[0].text


def test_the_extension_on_the_proposal_page(case: Case, make_placement: Callable[..., int]) -> None:
    proposal = case.proposal("started", placement=make_placement(case.organisation, type="participatieplaats"))
    case.client.login(case.accounts["consultant"].email)
    page = case.client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Verlengen tot en met" in page
    version = page.split('name="version" value="')[1].split('"')[0]
    beyond = case.client.submit(
        f"/voorstellen/{proposal}/verlengen",
        {"until": _months(40), "extend_reason": "Meer tijd", "version": version},
    )
    body = beyond.get_data(as_text=True)
    assert beyond.status_code == 422 and 'href="#until"' in body and "hoogstens 1 jaar verlengd" in body
    done = case.client.submit(
        f"/voorstellen/{proposal}/verlengen",
        {"until": _months(26), "extend_reason": "Meer tijd", "version": version},
    )
    assert done.status_code == 302
    page = case.client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Verlengd" in page and "Meer tijd" in page


# 7. Reminders come back while their fact holds -----------------------------------------------


def test_done_is_a_pause_while_the_fact_holds(app: Flask, case: Case) -> None:
    headers = bearer(case.tokens["consultant"])
    until = (TODAY + timedelta(days=10)).isoformat()
    case.client.patch(f"/api/v1/residents/{case.resident}", headers=headers, json={"ontheffing_until": until})
    settings = app.config["CARROUSEL"]
    assert settings["reminders"]["snooze_days"] == 30

    def open_kinds(day: date) -> list[str]:
        with app.app_context(), unit_of_work(app) as session:
            sync_reminders(session, settings, day)
        items = case.client.get("/api/v1/reminders", headers=headers).get_json()["items"]
        return [r["kind"] for r in items]

    assert "ontheffing_end" in open_kinds(TODAY)
    reminder = next(
        r
        for r in case.client.get("/api/v1/reminders", headers=headers).get_json()["items"]
        if r["kind"] == "ontheffing_end"
    )
    assert case.client.post(f"/api/v1/reminders/{reminder['id']}/done", headers=headers).status_code == 200
    assert "ontheffing_end" not in open_kinds(TODAY + timedelta(days=29))
    assert "ontheffing_end" in open_kinds(TODAY + timedelta(days=30))  # the fact still holds: back


# 8. Hand-over on deactivation, and shares ----------------------------------------------------


@pytest.fixture
def admin(make_user: Callable[..., Account], token_for: Callable[[Account], str]) -> tuple[Account, str]:
    account = make_user("admin")
    return account, token_for(account)


def test_a_consultant_leaves_only_by_handing_the_caseload_over(
    app: Flask,
    case: Case,
    admin: tuple[Account, str],
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> None:
    successor = make_user("consultant")
    colleague = make_user("consultant")
    shared_in = make_resident(colleague, name="Daan Bakker")  # shared with the leaving consultant
    colleague_token = token_for(colleague)
    headers = bearer(colleague_token)
    user_id = case.accounts["consultant"].id
    assert case.client.post(
        f"/api/v1/residents/{shared_in}/shares", headers=headers, json={"user_id": user_id}
    ).status_code == (201)
    with app.app_context(), unit_of_work(app) as session:
        sync_reminders(session, app.config["CARROUSEL"], date(TODAY.year, 12, 1))
    users = case.client.get("/api/v1/users", headers=bearer(admin[1])).get_json()
    assert users["total"] == 7 and set(users["items"][0]) == {"id", "email", "role", "active"}
    assert case.get("consultant", "/api/v1/users").status_code == 403
    url = f"/api/v1/users/{user_id}/deactivate"
    refused = case.client.post(url, headers=bearer(admin[1]), json={})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "caseload_not_empty"
    wrong = case.client.post(url, headers=bearer(admin[1]), json={"successor_id": case.accounts["adviser"].id})
    assert wrong.status_code == 422 and "successor_id" in wrong.get_json()["error"]["fields"]
    done = case.client.post(url, headers=bearer(admin[1]), json={"successor_id": successor.id})
    assert done.status_code == 200 and done.get_json()["active"] is False
    successor_token = bearer(token_for(successor))
    moved = case.client.get(f"/api/v1/residents/{case.resident}", headers=successor_token).get_json()
    assert moved["consultant_id"] == successor.id
    assert case.client.get(f"/api/v1/residents/{shared_in}", headers=successor_token).status_code == 200
    reminders = case.client.get("/api/v1/reminders", headers=successor_token).get_json()["items"]
    assert reminders and {r["resident_id"] for r in reminders} >= {case.resident}
    with app.app_context(), unit_of_work(app) as session:
        assert not session.exec(select(Reminder).where(Reminder.user_id == user_id, Reminder.status == "open")).all()
        assert all(p.consultant_id != user_id for p in session.exec(select(Proposal)).all())


def test_a_share_is_revoked_by_the_own_consultant_only_and_never_passed_on(
    case: Case, make_user: Callable[..., Account], token_for: Callable[[Account], str]
) -> None:
    helper, third = make_user("consultant"), make_user("consultant")
    helper_headers = bearer(token_for(helper))
    shares = f"/api/v1/residents/{case.resident}/shares"
    assert case.post("consultant", shares, {"user_id": helper.id}).status_code == 201
    assert case.client.get(f"/api/v1/residents/{case.resident}", headers=helper_headers).status_code == 200
    passed_on = case.client.post(shares, headers=helper_headers, json={"user_id": third.id})
    assert passed_on.status_code == 403
    assert case.client.delete(f"{shares}/{helper.id}", headers=helper_headers).status_code == 403
    revoked = case.client.delete(f"{shares}/{helper.id}", headers=bearer(case.tokens["consultant"]))
    assert revoked.status_code == 204
    assert case.client.get(f"/api/v1/residents/{case.resident}", headers=helper_headers).status_code == 404
    assert case.client.delete(f"{shares}/{helper.id}", headers=bearer(case.tokens["consultant"])).status_code == 404


def test_the_admin_page_asks_for_the_successor(
    case: Case, admin: tuple[Account, str], make_user: Callable[..., Account]
) -> None:
    successor = make_user("consultant")
    case.client.login(admin[0].email)
    user_id = case.accounts["consultant"].id
    page = case.client.get(f"/beheer/gebruikers/{user_id}").get_data(as_text=True)
    assert "Opvolger" in page and "1 inwoner" in page and "data-confirm=" in page
    refused = case.client.submit(f"/beheer/gebruikers/{user_id}/actief", {"active": "0"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 409 and 'href="#successor_id"' in body and "kies wie de caseload" in body
    done = case.client.submit(f"/beheer/gebruikers/{user_id}/actief", {"active": "0", "successor_id": successor.id})
    assert done.status_code == 302
    assert "Gedeactiveerd" in case.client.get(f"/beheer/gebruikers/{user_id}").get_data(as_text=True)


def test_the_resident_page_revokes_a_share(case: Case, make_user: Callable[..., Account]) -> None:
    helper = make_user("consultant")
    assert (
        case.post("consultant", f"/api/v1/residents/{case.resident}/shares", {"user_id": helper.id}).status_code == 201
    )
    case.client.login(case.accounts["consultant"].email)
    page = case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)
    assert "Gedeeld met" in page and "Delen intrekken" in page
    revoked = case.client.submit(f"/caseload/{case.resident}/delen/{helper.id}/intrekken")
    assert revoked.status_code == 302
    assert "Delen intrekken" not in case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)
    case.client.login(helper.email)
    assert case.client.get(f"/caseload/{case.resident}").status_code == 404
