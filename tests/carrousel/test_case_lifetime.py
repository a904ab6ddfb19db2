"""The case over its lifetime (issue 16): step dates, a hire, closing and reopening, the re-check.

Each test stands at the boundary of one rule of CONTRACT.md *The case over time*, through the API
and, where there is one, the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.goals.snapshots import take_snapshot
from carrousel.models import ProposalEvent, Reminder
from carrousel.reminders.operations import sync_reminders
from tests.carrousel.proposals_flow import counsel, propose, step
from tests.conftest import Client, bearer

TODAY = date.today()


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


@dataclass
class Case:
    client: Client
    app: Flask
    tokens: dict[str, str]
    accounts: dict[str, Account]
    resident: int
    placement: int
    organisation: int

    def proposal(self, status: str, resident: int | None = None, placement: int | None = None) -> int:
        """A new proposal walked to `status` (proposed, consented, introduced or started)."""
        created = propose(
            self.client, self.tokens["consultant"], resident or self.resident, placement or self.placement
        )
        assert created.status_code == 201, created.get_json()
        proposal: int = created.get_json()["id"]
        path = [("consultant", "consented"), ("adviser", "introduced"), ("consultant", "started")]
        if status == "started":  # a paid start needs benefit counselling first (CONTRACT.md *Income scenarios*)
            counsel(self.client, self.tokens["consultant"], resident or self.resident)
        for role, to in path[: ["proposed", "consented", "introduced", "started"].index(status)]:
            answer = step(self.client, self.tokens[role], proposal, to)
            assert answer.status_code == 200, (to, answer.get_json())
        return proposal

    def get(self, role: str, url: str) -> Any:
        return self.client.get(url, headers=bearer(self.tokens[role]))

    def post(self, role: str, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(url, headers=bearer(self.tokens[role]), json=body or {})

    def resident_json(self, resident: int | None = None) -> Any:
        return self.get("consultant", f"/api/v1/residents/{resident or self.resident}").get_json()


@pytest.fixture
def case(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> Case:
    organisation = make_organisation(name="Bakkerij De Korenschoof")
    accounts = {
        "consultant": make_user("consultant"),
        "adviser": make_user("adviser"),
        "employer": make_user("employer", organisation_id=organisation),
    }
    placement = make_placement(organisation, title="Medewerker bakkerij", capacity=2, max_abc="G4")
    resident = make_resident(accounts["consultant"], name="Sanne de Vries", abc="G2", birth_year=1985)
    tokens = {role: token_for(account) for role, account in accounts.items()}
    return Case(client, app, tokens, accounts, resident, placement, organisation)


# 1. Dates of steps ---------------------------------------------------------------------------


def test_a_step_is_never_dated_before_the_one_it_follows_nor_too_far_ahead(case: Case) -> None:
    proposal = case.proposal("proposed")
    before = step(case.client, case.tokens["consultant"], proposal, "consented", on=_day(-1))
    assert before.status_code == 422 and "vorige stap" in before.get_json()["error"]["fields"]["on"]
    too_far = step(case.client, case.tokens["consultant"], proposal, "consented", on=_day(31))
    assert too_far.status_code == 422 and "30 dagen" in too_far.get_json()["error"]["fields"]["on"]
    assert step(case.client, case.tokens["consultant"], proposal, "consented", on=_day(30)).status_code == 200
    # The next step follows the previous one's date, not today's.
    early = step(case.client, case.tokens["adviser"], proposal, "introduced", on=_day(29))
    assert early.status_code == 422 and "on" in early.get_json()["error"]["fields"]
    history = case.get("consultant", f"/api/v1/proposals/{proposal}").get_json()["history"]
    assert [h["status"] for h in history] == ["proposed", "consented"]  # nothing half-written


def test_a_step_at_most_a_year_back(case: Case) -> None:
    proposal = case.proposal("proposed")
    with case.app.app_context(), unit_of_work(case.app) as session:
        session.exec(  # type: ignore[call-overload]
            update(ProposalEvent).where(ProposalEvent.proposal_id == proposal).values(on_date=TODAY - timedelta(400))
        )
    back = step(case.client, case.tokens["consultant"], proposal, "consented", on=_day(-366))
    assert back.status_code == 422 and "365 dagen" in back.get_json()["error"]["fields"]["on"]
    assert step(case.client, case.tokens["consultant"], proposal, "consented", on=_day(-365)).status_code == 200


def test_eligibility_is_judged_as_on_the_steps_date(case: Case, make_placement: Callable[..., int]) -> None:
    ending = make_placement(case.organisation, title="Seizoenswerk", end_date=_day(10))
    proposal = case.proposal("introduced", placement=ending)
    counsel(case.client, case.tokens["consultant"], case.resident)
    late = step(case.client, case.tokens["consultant"], proposal, "started", on=_day(11))
    assert late.status_code == 422 and "verlopen" in late.get_json()["error"]["fields"]["placement_id"]
    assert step(case.client, case.tokens["consultant"], proposal, "started", on=_day(10)).status_code == 200


def test_the_page_shows_a_refused_date_at_its_field(case: Case) -> None:
    proposal = case.proposal("proposed")
    case.client.login(case.accounts["consultant"].email)
    page = case.client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    version = page.split('name="version" value="')[1].split('"')[0]
    refused = case.client.submit(
        f"/voorstellen/{proposal}/stap",
        {"to": "consented", "channel": "in_person", "scope": "talents", "on": _day(45), "version": version},
    )
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'class="error-summary"' in body and "te ver vooruit" in body, body[
        body.find("error-summary") :
    ][:600]


# 2. A hire -----------------------------------------------------------------------------------


def test_a_hire_withdraws_the_other_proposals_starts_nazorg_and_leaves_the_rankings(
    case: Case, make_placement: Callable[..., int], make_organisation: Callable[..., int]
) -> None:
    job = case.proposal("started")
    elsewhere = make_placement(make_organisation(name="Kringloop"), title="Winkel", type="vrijwilligerswerk")
    other = case.proposal("consented", placement=elsewhere)
    assert case.get("consultant", f"/api/v1/residents/{case.resident}/matches").get_json()["items"]
    hired = step(case.client, case.tokens["consultant"], job, "ended", outcome="hired")
    assert hired.status_code == 200
    withdrawn = case.get("consultant", f"/api/v1/proposals/{other}").get_json()
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["history"][-1] | {"on": None} == {
        "status": "withdrawn",
        "on": None,
        "role": "system",
        "reason": "in dienst getreden",
    }
    resident = case.resident_json()
    assert resident["phase"] == "nazorg" and resident["employed_since"] == TODAY.isoformat()
    assert resident["employer"] == "Bakkerij De Korenschoof" and resident["placements"] == []
    # In no ranking while at work in nazorg: not in Passende plekken, not in Kandidaten.
    assert case.get("consultant", f"/api/v1/residents/{case.resident}/matches").get_json()["items"] == []
    candidates = case.get("consultant", f"/api/v1/placements/{elsewhere}/candidates").get_json()["items"]
    assert case.resident not in [c["resident_id"] for c in candidates]
    case.client.login(case.accounts["consultant"].email)
    page = case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)
    assert "In dienst" in page and "Bij Bakkerij De Korenschoof sinds" in page
    # The consultant changes the phase: the resident ranks again.
    patched = case.client.patch(
        f"/api/v1/residents/{case.resident}", headers=bearer(case.tokens["consultant"]), json={"phase": "orientatie"}
    )
    assert patched.status_code == 200
    assert case.get("consultant", f"/api/v1/residents/{case.resident}/matches").get_json()["items"]


def test_nazorg_reminders_run_on_for_the_configured_months_after_a_hire(case: Case) -> None:
    job = case.proposal("started")
    assert step(case.client, case.tokens["consultant"], job, "ended", outcome="hired").status_code == 200
    settings = case.app.config["CARROUSEL"]

    def nazorg_on(day: date) -> list[Reminder]:
        with case.app.app_context(), unit_of_work(case.app) as session:
            sync_reminders(session, settings, day)
            return list(session.exec(select(Reminder).where(Reminder.kind == "nazorg_check")).all())

    assert nazorg_on(TODAY + timedelta(weeks=6))  # the first check, six weeks after the hire
    months = settings["reminders"]["nazorg_months_after_hire"]
    assert months == 6
    with case.app.app_context(), unit_of_work(case.app) as session:
        for reminder in session.exec(select(Reminder)).all():
            session.delete(reminder)
    assert nazorg_on(TODAY + timedelta(days=200)) == []  # past six months: nazorg ends
    noted = case.post("consultant", f"/api/v1/proposals/{job}/notes", {"note": "Werkt met plezier, contract verlengd"})
    assert noted.status_code == 201  # the nazorg after a hire is noted on the hire itself


# 3. Closing and reopening a case -------------------------------------------------------------


def test_a_case_closes_with_an_outflow_reason_only_when_no_place_runs(case: Case) -> None:
    running = case.proposal("started")
    url = f"/api/v1/residents/{case.resident}/close"
    refused = case.post("consultant", url, {"reason": "work"})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "placement_running"
    assert step(case.client, case.tokens["consultant"], running, "ended", outcome="completed").status_code == 200
    other = case.proposal("consented")
    assert case.post("consultant", url, {"reason": "vakantie"}).status_code == 422
    future = case.post("consultant", url, {"reason": "work", "on": _day(1)})
    assert future.status_code == 422 and "on" in future.get_json()["error"]["fields"]
    closed = case.post("consultant", url, {"reason": "work"})
    assert closed.status_code == 200
    body = closed.get_json()
    assert body["case_status"] == "closed" and body["closed_on"] == TODAY.isoformat()
    assert body["outflow_reason"] == "work"
    assert case.get("consultant", f"/api/v1/proposals/{other}").get_json()["status"] == "withdrawn"
    assert case.post("consultant", url, {"reason": "work"}).status_code == 409
    # Out of every ranking and count.
    candidates = case.get("consultant", f"/api/v1/placements/{case.placement}/candidates").get_json()["items"]
    assert case.resident not in [c["resident_id"] for c in candidates]
    assert propose(case.client, case.tokens["consultant"], case.resident, case.placement).status_code == 409
    goals = case.get("adviser", "/api/v1/goals").get_json()
    assert goals["outflow"] == {
        "year": TODAY.year,
        "by_reason": {"work": 1, "education": 0, "moved": 0, "other_income": 0, "other": 0},
    }
    assert goals["residents"]["total"] == 0


def test_a_closed_case_reopens_and_counts_again(case: Case) -> None:
    assert case.post("consultant", f"/api/v1/residents/{case.resident}/close", {"reason": "moved"}).status_code == 200
    with case.app.app_context(), unit_of_work(case.app) as session:
        take_snapshot(session, case.app.config["CARROUSEL"], TODAY)
    history = case.get("adviser", f"/api/v1/goals/history?from={TODAY}&to={TODAY}").get_json()
    assert history["items"][0]["outflow_year_to_date"] == 1
    url = f"/api/v1/residents/{case.resident}/reopen"
    early = case.post("consultant", url, {"on": _day(-1)})
    assert early.status_code == 422 and "on" in early.get_json()["error"]["fields"]
    reopened = case.post("consultant", url, {"on": TODAY.isoformat()})
    assert reopened.status_code == 200 and reopened.get_json()["case_status"] == "open"
    assert reopened.get_json()["outflow_reason"] is None
    assert case.post("consultant", url, {}).status_code == 409
    assert case.get("adviser", "/api/v1/goals").get_json()["outflow"]["by_reason"]["moved"] == 0
    assert case.get("consultant", f"/api/v1/residents/{case.resident}/matches").get_json()["items"]


def test_a_closed_case_has_no_reminders_but_nazorg(case: Case) -> None:
    settings = case.app.config["CARROUSEL"]
    headers = bearer(case.tokens["consultant"])
    case.client.patch(f"/api/v1/residents/{case.resident}", headers=headers, json={"ontheffing_until": _day(10)})
    with case.app.app_context(), unit_of_work(case.app) as session:
        sync_reminders(session, settings, TODAY)
        kinds = {r.kind for r in session.exec(select(Reminder).where(Reminder.status == "open")).all()}
    assert "ontheffing_end" in kinds
    assert case.post("consultant", f"/api/v1/residents/{case.resident}/close", {"reason": "other"}).status_code == 200
    with case.app.app_context(), unit_of_work(case.app) as session:
        sync_reminders(session, settings, TODAY)
        left = session.exec(select(Reminder).where(Reminder.status == "open")).all()
    assert left == []


def test_close_and_reopen_on_the_resident_page(case: Case) -> None:
    case.client.login(case.accounts["consultant"].email)
    page = case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)
    assert "Dossier sluiten" in page and "data-confirm=" in page and "Reden van uitstroom" in page
    missing = case.client.submit(f"/caseload/{case.resident}/afsluiten", {"closed_on": TODAY.isoformat()})
    body = missing.get_data(as_text=True)
    assert missing.status_code == 422 and 'href="#outflow_reason"' in body and 'class="error-summary"' in body
    running = case.proposal("started")
    blocked = case.client.submit(
        f"/caseload/{case.resident}/afsluiten", {"outflow_reason": "work", "closed_on": TODAY.isoformat()}
    )
    assert blocked.status_code == 409 and "beëindig die eerst" in blocked.get_data(as_text=True)
    assert step(case.client, case.tokens["consultant"], running, "ended", outcome="stopped").status_code == 200
    closed = case.client.submit(
        f"/caseload/{case.resident}/afsluiten", {"outflow_reason": "education", "closed_on": TODAY.isoformat()}
    )
    assert closed.status_code == 302
    page = case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)
    assert "Dossier gesloten" in page and "uitstroom: opleiding" in page and "Dossier heropenen" in page
    reopened = case.client.submit(f"/caseload/{case.resident}/heropenen", {"reopened_on": TODAY.isoformat()})
    assert reopened.status_code == 302
    assert "Dossier sluiten" in case.client.get(f"/caseload/{case.resident}").get_data(as_text=True)


def test_the_goals_page_shows_outflow_per_reason_and_month(case: Case) -> None:
    assert case.post("consultant", f"/api/v1/residents/{case.resident}/close", {"reason": "work"}).status_code == 200
    case.client.login(case.accounts["adviser"].email)
    page = case.client.get("/doelen").get_data(as_text=True)
    assert f"Uitstroom in {TODAY.year}" in page and "Ander inkomen" in page
    assert "table-scroll" in page


# 4. The re-check -----------------------------------------------------------------------------


def test_a_resident_change_withdraws_open_proposals_that_no_longer_fit(
    case: Case, make_placement: Callable[..., int]
) -> None:
    open_one = case.proposal("consented")
    roomy = make_placement(case.organisation, title="Inpakken", max_abc="G6", type="vrijwilligerswerk")
    fits_still = case.proposal("consented", placement=roomy)
    measured = case.post(
        "consultant", f"/api/v1/residents/{case.resident}/abc", {"level": "G5", "measured_on": _day(0)}
    )
    assert measured.status_code == 201
    withdrawn = case.get("consultant", f"/api/v1/proposals/{open_one}").get_json()
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["history"][-1]["role"] == "system"
    assert withdrawn["history"][-1]["reason"] == "Het ABC-niveau van de inwoner is hoger dan de plek aankan."
    assert case.get("consultant", f"/api/v1/proposals/{fits_still}").get_json()["status"] == "consented"
    reminders = case.get("consultant", "/api/v1/reminders").get_json()["items"]
    assert [r["kind"] for r in reminders] == ["proposal_no_longer_fits"]
    assert reminders[0]["proposal_id"] == open_one
    # The organisation sees an ordinary withdrawal: no role, no reason.
    seen = case.get("employer", f"/api/v1/proposals/{open_one}").get_json()
    assert not seen["history"][-1].get("role") and not seen["history"][-1].get("reason")


def test_a_started_place_that_no_longer_fits_goes_on_with_a_reminder(
    case: Case, make_placement: Callable[..., int]
) -> None:
    running = case.proposal("started", placement=make_placement(case.organisation, title="Bakken", min_hours=20))
    patched = case.client.patch(
        f"/api/v1/residents/{case.resident}",
        headers=bearer(case.tokens["consultant"]),
        json={"hours_available": 4},
    )
    assert patched.status_code == 200
    assert case.get("consultant", f"/api/v1/proposals/{running}").get_json()["status"] == "started"
    reminders = case.get("consultant", "/api/v1/reminders").get_json()["items"]
    assert [r["kind"] for r in reminders] == ["proposal_no_longer_fits"]
    assert "past niet meer" in reminders[0]["text"] and "Minder uren" in reminders[0]["text"]


def test_a_change_that_breaks_no_rule_leaves_the_proposal_alone(case: Case) -> None:
    open_one = case.proposal("introduced")
    patched = case.client.patch(
        f"/api/v1/residents/{case.resident}", headers=bearer(case.tokens["consultant"]), json={"talents": "Bakken"}
    )
    assert patched.status_code == 200
    assert case.get("consultant", f"/api/v1/proposals/{open_one}").get_json()["status"] == "introduced"
    assert case.get("consultant", "/api/v1/reminders").get_json()["items"] == []
