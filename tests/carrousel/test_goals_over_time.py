"""Goals over time: daily snapshots, a dated target judged on the snapshot of its date, the
participation definition, the history API, and the settings an admin changes in the pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import update
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.cases.erasure import erase_resident
from carrousel.db import unit_of_work
from carrousel.jobs.runner import run_job
from carrousel.models import AppSetting, Placement, Proposal, ResidentActivity, SettingChange
from tests.conftest import Client, bearer

TODAY = date.today()
PASSED_TARGET = "2025-12-31"  # the configuration's first target: 5 employers and 5 locations


def test_a_passed_target_is_judged_on_the_snapshot_of_its_date_not_on_today(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    employers = [make_organisation(name=f"Werkgever {i}") for i in range(5)]
    for organisation in employers:
        make_placement(organisation)
    locations = [make_organisation(kind="location", name=f"Locatie {i}") for i in range(3)]
    for organisation in locations:
        make_placement(organisation, type="activerend_werk")
    assert run_job(app, "goal_snapshot", date.fromisoformat(PASSED_TARGET)).outcome == "done"
    # Since then two employers closed their places: today counts 3, the 2025 target stays met.
    with unit_of_work(app) as session:
        session.exec(update(Placement).where(Placement.organisation_id.in_(employers[:2])).values(status="closed"))  # type: ignore[call-overload,attr-defined]

    adviser = make_user("adviser")
    goals = client.get("/api/v1/goals", headers=bearer(token_for(adviser))).get_json()
    passed = next(t for t in goals["targets"] if t["date"] == PASSED_TARGET)
    assert passed["judged_on"] == "snapshot"
    assert passed["employers"] == {"target": 5, "actual": 5, "met": True}
    assert passed["locations"] == {"target": 5, "actual": 3, "met": False}
    future = next(t for t in goals["targets"] if t["date"] == "2026-12-31")
    assert future["judged_on"] == "today" and future["employers"]["actual"] == 3
    client.login(adviser.email)
    page = client.get("/doelen").get_data(as_text=True)
    assert "5 van 5 · gehaald" in page and "3 van 5 · niet gehaald" in page and "gemeten op de peildatum" in page
    assert "Werkgever 0" in page.split("Goedgekeurd maar niet aangesloten")[1]  # to chase


def test_a_passed_target_without_a_snapshot_says_so(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    goals = client.get("/api/v1/goals", headers=bearer(token_for(make_user("admin")))).get_json()
    passed = next(t for t in goals["targets"] if t["date"] == PASSED_TARGET)
    assert passed["judged_on"] == "missing" and passed["employers"] == {"target": 5, "actual": None, "met": None}


def _start(app: Flask, resident: int, placement: int, started_on: date, ended_on: date | None = None) -> None:
    with unit_of_work(app) as session:
        organisation_id = session.get(Placement, placement).organisation_id  # type: ignore[union-attr]
        session.add(
            Proposal(
                resident_id=resident,
                placement_id=placement,
                organisation_id=organisation_id,
                status="ended" if ended_on else "started",
                started_on=started_on,
                ended_on=ended_on,
            )
        )


def test_participation_counts_unpaid_places_and_own_activities_and_never_erased_residents(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    residents = [make_resident(consultant, route="meedoen") for _ in range(6)]
    unpaid, paid = make_placement(type="vrijwilligerswerk"), make_placement(type="regulier")
    _start(app, residents[0], unpaid, TODAY - timedelta(days=10))  # counts
    _start(app, residents[1], paid, TODAY - timedelta(days=10))  # paid work: outflow, not participation
    _start(app, residents[2], unpaid, TODAY - timedelta(days=100), ended_on=TODAY - timedelta(days=5))  # ended
    client.login(consultant.email)
    answer = client.submit(
        f"/caseload/{residents[3]}/activiteiten",
        {
            "kind": "mantelzorg",
            "description": "Zorgt voor moeder",
            "starts_on": (TODAY - timedelta(days=40)).isoformat(),
        },
    )
    assert answer.status_code == 302
    assert "Zorgt voor moeder" in client.get(f"/caseload/{residents[3]}").get_data(as_text=True)
    with unit_of_work(app) as session:  # an activity that ended yesterday no longer counts
        session.add(
            ResidentActivity(
                resident_id=residents[4],
                kind="vrijwilligerswerk",
                starts_on=TODAY - timedelta(days=90),
                ends_on=TODAY - timedelta(days=1),
            )
        )
    _start(app, residents[5], unpaid, TODAY - timedelta(days=3))
    with unit_of_work(app) as session:  # ... and an erased resident counts in no share at all
        erase_resident(session, resident_id=residents[5], actor=consultant)

    with unit_of_work(app) as session:  # erasure removes the self-arranged activities too
        erase_resident(session, resident_id=residents[4], actor=consultant)
        assert session.exec(select(ResidentActivity).where(ResidentActivity.resident_id == residents[4])).all() == []
    run_job(app, "goal_snapshot", TODAY)
    adviser = make_user("adviser")
    client.login(adviser.email)
    history = client.get(
        f"/api/v1/goals/history?from={TODAY}&to={TODAY}", headers=bearer(token_for(adviser))
    ).get_json()
    assert history == {"items": [history["items"][0]], "total": 1}
    item = history["items"][0]
    assert item["participation_share"] == 0.5  # 2 of the 4 residents that are not erased
    assert item["classified_share"] == 1.0 and item["ontheffing_share"] == 0.0
    page = client.get("/doelen").get_data(as_text=True)
    assert "2 (50%)" in page  # Dutch notation
    assert "Voor een grafiek zijn minstens 3 dagen nodig" in page  # one day: a sentence, not a lone dot
    for back in (2, 1):
        run_job(app, "goal_snapshot", TODAY - timedelta(days=back))
    page = client.get("/doelen").get_data(as_text=True)
    assert '<svg viewBox="0 0 640 240" role="img"' in page and "<polyline" in page
    assert ' style="' not in page  # the CSP forbids inline style


def test_the_history_lists_one_item_per_snapshot_day_and_refuses_a_bad_date(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    for offset in range(3):
        run_job(app, "goal_snapshot", date(2026, 11, 1) + timedelta(days=offset))
    token = token_for(make_user("adviser"))
    every = client.get("/api/v1/goals/history", headers=bearer(token)).get_json()
    assert [i["date"] for i in every["items"]] == ["2026-11-01", "2026-11-02", "2026-11-03"]
    assert set(every["items"][0]) == {
        "date",
        "employers",
        "locations",
        "participation_share",
        "classified_share",
        "ontheffing_share",
        "outflow_year_to_date",
    }
    some = client.get("/api/v1/goals/history?from=2026-11-02&to=2026-11-02", headers=bearer(token)).get_json()
    assert [i["date"] for i in some["items"]] == ["2026-11-02"]
    bad = client.get("/api/v1/goals/history?from=gisteren", headers=bearer(token))
    assert bad.status_code == 422 and "from" in bad.get_json()["error"]["fields"]
    consultant_token = token_for(make_user("consultant"))
    assert client.get("/api/v1/goals/history", headers=bearer(consultant_token)).status_code == 403


def _settings_form(**changes: Any) -> dict[str, Any]:
    return {"goals.participation_share": "35", "reminders.snel_months": "3", **changes}


def test_an_admin_changes_targets_terms_and_participation_with_who_and_when(
    app: Flask, client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    admin = make_user("admin")
    client.login(admin.email)
    assert client.get("/beheer/instellingen").status_code == 200
    refused = client.submit(
        "/beheer/instellingen",
        _settings_form(**{"goals.participation_share": "honderd", "reminders.snel_months": "99"}),
    )
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Vul een percentage in" in html and "Vul een heel getal in van 1 tot en met 24." in html
    with unit_of_work(app) as session:
        assert session.exec(select(AppSetting)).all() == []  # nothing half-written

    saved = client.submit(
        "/beheer/instellingen",
        {
            **_settings_form(**{"goals.participation_share": "40,5", "reminders.snel_months": "4"}),
            "targets-0-date": "2026-12-31",
            "targets-0-employers": "15",
            "targets-0-locations": "10",
            "participation.activity_kinds.present": "1",
            "participation.activity_kinds": ["vrijwilligerswerk", "mantelzorg"],
        },
    )
    assert saved.status_code == 302
    with unit_of_work(app) as session:
        changes = {c.key: c for c in session.exec(select(SettingChange)).all()}
    assert set(changes) == {
        "goals.participation_share",
        "reminders.snel_months",
        "goals.targets",
        "participation.activity_kinds",
    }
    assert (
        changes["goals.participation_share"].old_value == 0.35
        and changes["goals.participation_share"].new_value == 0.405
    )
    assert all(c.user_id == admin.id and c.at is not None for c in changes.values())
    page = client.get("/beheer/instellingen").get_data(as_text=True)
    assert "goals.participation_share" in page and "Test admin" in page and 'value="40,5"' in page

    goals = client.get("/api/v1/goals", headers=bearer(token_for(make_user("adviser")))).get_json()
    assert [t["date"] for t in goals["targets"]] == ["2026-12-31"]
    assert goals["targets"][0]["employers"]["target"] == 15
    assert next(d for d in goals["residents"]["dated"] if d["goal"] == "participation")["target"] == 0.405
    consultant = make_user("consultant")
    client.login(consultant.email)
    assert client.get("/beheer/instellingen").status_code == 403
