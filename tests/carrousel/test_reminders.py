"""Reminders: on the own list and the home page, closed when the fact resolves, done by hand,
and e-mailed through a real SMTP server (aiosmtpd) that may be down."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import update
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.jobs.runner import run_job
from carrousel.models import Placement, Proposal, Reminder, Resident, User
from carrousel.reminders.rules import add_working_days
from tests.conftest import Client, bearer

TODAY = date.today()


def _set_resident(app: Flask, resident_id: int, **values: Any) -> None:
    with unit_of_work(app) as session:
        session.exec(update(Resident).where(Resident.id == resident_id).values(**values))  # type: ignore[call-overload]


def _reminders(app: Flask, **where: Any) -> list[Reminder]:
    with unit_of_work(app) as session:
        query = select(Reminder).order_by(Reminder.id)  # type: ignore[arg-type]
        for key, value in where.items():
            query = query.where(getattr(Reminder, key) == value)
        return list(session.exec(query).all())


@pytest.fixture
def consultant(make_user: Callable[..., Account]) -> Account:
    return make_user("consultant")


@pytest.fixture
def silent_resident(app: Flask, consultant: Account, make_resident: Callable[..., int]) -> int:
    """A resident in the meedoen route for a year, not contacted this year."""
    resident = make_resident(consultant, route="meedoen")
    _set_resident(
        app, resident, last_contact_on=date(TODAY.year - 1, 6, 1), route_started_on=TODAY - timedelta(days=370)
    )
    return resident


def test_reminders_close_at_the_next_run_when_the_underlying_fact_resolves(
    app: Flask, client: Client, consultant: Account, silent_resident: int
) -> None:
    run_job(app, "reminders", TODAY)
    kinds = {r.kind: r for r in _reminders(app)}
    assert set(kinds) == {"no_contact_this_year", "meedoen_evaluation"}
    assert all(r.user_id == consultant.id and r.resident_id == silent_resident for r in kinds.values())

    # The consultant records contact and the yearly evaluation (an event with a date).
    _set_resident(app, silent_resident, last_contact_on=TODAY)
    client.login(consultant.email)
    answer = client.submit(
        f"/caseload/{silent_resident}/evaluatie", {"on_date": TODAY.isoformat(), "note": "Goed gesprek"}
    )
    assert answer.status_code == 302
    page = client.get(f"/caseload/{silent_resident}").get_data(as_text=True)
    assert "Goed gesprek" in page and "Volgende evaluatie van de route Meedoen" in page

    run = run_job(app, "reminders", TODAY + timedelta(days=1))
    assert run.summary["closed_by_kind"] == {"no_contact_this_year": 1, "meedoen_evaluation": 1}
    assert [(r.status, r.done_by_id) for r in _reminders(app)] == [("done", None), ("done", None)]


def test_an_evaluation_with_a_bad_date_is_refused_naming_the_field(
    app: Flask, client: Client, consultant: Account, silent_resident: int
) -> None:
    client.login(consultant.email)
    for data in ({"on_date": "gisteren"}, {"on_date": (TODAY + timedelta(days=3)).isoformat()}, {}):
        answer = client.submit(f"/caseload/{silent_resident}/evaluatie", data)
        assert answer.status_code == 422 and "on_date" in answer.get_data(as_text=True)
    bad_activity = client.submit(
        f"/caseload/{silent_resident}/activiteiten",
        {"kind": "mantelzorg", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    assert bad_activity.status_code == 422 and "De einddatum ligt voor de startdatum." in bad_activity.get_data(
        as_text=True
    )


def test_an_ontheffing_reassessment_settles_the_reminder_and_sets_the_new_end(
    app: Flask, client: Client, consultant: Account, make_resident: Callable[..., int]
) -> None:
    resident = make_resident(consultant, route="ontwikkeling", last_contact_on=TODAY.isoformat())
    _set_resident(app, resident, ontheffing_until=TODAY + timedelta(days=20))
    run_job(app, "reminders", TODAY)
    assert [r.kind for r in _reminders(app, status="open")] == ["ontheffing_end"]
    client.login(consultant.email)
    new_end = TODAY + timedelta(days=180)
    client.submit(
        f"/caseload/{resident}/herbeoordeling", {"on_date": TODAY.isoformat(), "ontheffing_until": new_end.isoformat()}
    )
    run_job(app, "reminders", TODAY + timedelta(days=1))
    assert _reminders(app, status="open") == []
    with unit_of_work(app) as session:
        assert session.get(Resident, resident).ontheffing_until == new_end  # type: ignore[union-attr]


def test_an_unanswered_proposal_goes_back_to_every_adviser_until_answered(
    app: Flask,
    make_user: Callable[..., Account],
    consultant: Account,
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    advisers = [make_user("adviser"), make_user("adviser")]
    resident = make_resident(consultant, last_contact_on=TODAY.isoformat(), route=None)
    placement = make_placement(type="participatieplaats")
    with unit_of_work(app) as session:
        organisation_id = session.get(Placement, placement).organisation_id  # type: ignore[union-attr]
        # make_placement posts through an adviser of its own: every active adviser is reminded.
        adviser_ids = session.exec(select(User.id).where(User.role == "adviser")).all()
        assert len(adviser_ids) == 3 and {a.id for a in advisers} <= set(adviser_ids)
        proposal = Proposal(
            resident_id=resident,
            placement_id=placement,
            organisation_id=organisation_id,
            consultant_id=consultant.id,
            status="consented",
            waiting_since=TODAY - timedelta(days=30),
        )
        session.add(proposal)
        session.flush()
        proposal_id = proposal.id
    due = add_working_days(TODAY - timedelta(days=30), 10)
    run_job(app, "reminders", TODAY)
    made = _reminders(app, kind="proposal_unanswered")
    assert sorted(r.user_id for r in made) == sorted(adviser_ids)
    assert all(r.due_on == due and r.proposal_id == proposal_id for r in made)

    with unit_of_work(app) as session:
        session.exec(
            update(Proposal).values(status="introduced", answered_at=session.get(Proposal, proposal_id).created_at)
        )  # type: ignore[call-overload,union-attr]
    run_job(app, "reminders", TODAY + timedelta(days=1))
    assert {r.status for r in _reminders(app, kind="proposal_unanswered")} == {"done"}


def test_the_own_list_the_done_button_the_api_and_the_home_page_count(
    app: Flask,
    client: Client,
    consultant: Account,
    silent_resident: int,
    make_user: Callable[..., Account],
    token_for: Callable[..., str],
) -> None:
    other = make_user("consultant")
    run_job(app, "reminders", TODAY)
    client.login(consultant.email)
    assert '<span class="count">2</span> <span>open herinneringen</span>' in client.get("/").get_data(as_text=True)
    page = client.get("/herinneringen").get_data(as_text=True)
    assert "Nog geen contact dit jaar" in page and "Evaluatie meedoen" in page
    assert f'<a href="/caseload/{silent_resident}">Inwoner Test</a>' in page  # the name, for the own caseload
    first = _reminders(app)[0]
    assert client.submit(f"/herinneringen/{first.id}/afgehandeld").status_code == 302
    assert '<span class="count">1</span> <span>open herinnering</span>' in client.get("/").get_data(as_text=True)
    done_page = client.get("/herinneringen?status=done").get_data(as_text=True)
    assert "Afgehandeld op" in done_page and first.text in done_page

    token = token_for(consultant)
    listing = client.get("/api/v1/reminders", headers=bearer(token)).get_json()
    assert listing["total"] == 1 and listing["items"][0]["resident_id"] == silent_resident
    assert set(listing["items"][0]) >= {
        "id",
        "kind",
        "due_on",
        "text",
        "status",
        "resident_id",
        "placement_id",
        "proposal_id",
        "organisation_id",
    }
    done = client.get("/api/v1/reminders?status=done", headers=bearer(token)).get_json()
    assert [i["id"] for i in done["items"]] == [first.id]
    assert client.get("/api/v1/reminders?status=later", headers=bearer(token)).get_json()["error"]["fields"].keys() == {
        "status"
    }
    # Someone else's reminder does not exist for this user.
    other_token = token_for(other)
    assert client.post(f"/api/v1/reminders/{first.id}/done", headers=bearer(other_token)).status_code == 404
    assert client.get("/api/v1/reminders", headers=bearer(other_token)).get_json() == {"items": [], "total": 0}
    last = listing["items"][0]["id"]
    answer = client.post(f"/api/v1/reminders/{last}/done", headers=bearer(token))
    assert answer.status_code == 200 and answer.get_json()["status"] == "done"
    assert "U hebt geen open herinneringen." in client.get("/herinneringen").get_data(as_text=True)
    # Done by hand stays done: the next run does not make it again.
    run_job(app, "reminders", TODAY + timedelta(days=1))
    assert client.get("/api/v1/reminders", headers=bearer(token)).get_json()["total"] == 0


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[_Inbox, int]]:
    port = _free_port()
    monkeypatch.setitem(app.config["CARROUSEL"]["mail"], "smtp_host", "127.0.0.1")
    monkeypatch.setitem(app.config["CARROUSEL"]["mail"], "smtp_port", port)
    # The link in the e-mail comes from app.base_url (copied to mail.base_url when settings load).
    monkeypatch.setitem(app.config["CARROUSEL"]["mail"], "base_url", "https://werkcarrousel.gemeente.example")
    yield _Inbox(), port


def test_reminders_are_mailed_and_an_smtp_server_that_is_down_only_delays_the_mail(
    app: Flask, consultant: Account, silent_resident: int, smtp: tuple[_Inbox, int]
) -> None:
    inbox, port = smtp
    # Nothing listens on the port yet: the job still succeeds and the reminders stay on the list.
    down = run_job(app, "reminders", TODAY)
    assert down.outcome == "done" and down.summary["mail_failed"] == 2 and down.summary["mailed"] == 0
    assert [(r.status, r.mail_state, r.mail_attempts) for r in _reminders(app)] == [("open", "pending", 1)] * 2

    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        up = run_job(app, "reminders", TODAY + timedelta(days=1))
    finally:
        controller.stop()
    assert up.summary["mailed"] == 2
    assert [r.mail_state for r in _reminders(app)] == ["sent", "sent"]
    assert len(inbox.messages) == 1  # one e-mail per user with all of their new reminders
    message = inbox.messages[0]
    assert message.rcpt_tos == [consultant.email]
    body = message.content.decode()
    assert "Subject: Werkcarrousel: 2 nieuwe herinneringen" in body and "Nog geen contact dit jaar" in body
    assert "/herinneringen" in body


def test_a_started_trial_reminds_of_its_end_and_of_nazorg_until_a_nazorg_note(
    app: Flask, consultant: Account, make_resident: Callable[..., int], make_placement: Callable[..., int]
) -> None:
    from carrousel.models import ProposalEvent

    resident = make_resident(consultant, last_contact_on=TODAY.isoformat(), route=None)
    placement = make_placement(type="proefplaatsing", title="Proefplaats magazijn")
    started = TODAY - timedelta(weeks=6)
    with unit_of_work(app) as session:
        organisation_id = session.get(Placement, placement).organisation_id  # type: ignore[union-attr]
        proposal = Proposal(
            resident_id=resident,
            placement_id=placement,
            organisation_id=organisation_id,
            consultant_id=consultant.id,
            status="started",
            started_on=started,
            end_date=TODAY + timedelta(days=14),
        )
        session.add(proposal)
        session.flush()
        proposal_id = proposal.id
    run_job(app, "reminders", TODAY)
    made = {r.kind: r for r in _reminders(app)}
    assert set(made) == {"trial_ending", "nazorg_check"}
    assert (
        made["trial_ending"].due_on == TODAY + timedelta(days=14)
        and "de proefplaatsing 'Proefplaats magazijn'" in made["trial_ending"].text
    )
    assert made["nazorg_check"].due_on == TODAY and made["nazorg_check"].proposal_id == proposal_id
    with unit_of_work(app) as session:  # the consultant's nazorg note (the workflow writes it)
        session.add(ProposalEvent(proposal_id=proposal_id, status="nazorg", on_date=TODAY, reason="Past goed"))
    run_job(app, "reminders", TODAY + timedelta(days=1))
    assert {r.kind: r.status for r in _reminders(app)} == {"trial_ending": "open", "nazorg_check": "done"}
