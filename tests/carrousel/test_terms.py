"""Issue 15, item 2: each term defined once (carrousel/terms.py), and every area agrees on it.

The caseload's deadline, its "deadline within 30 days" filter and the reminders read the same
terms, also after an admin changes one in /beheer/instellingen, and a recorded meedoen
evaluation moves the deadline as it moves the reminder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.config import DEFAULTS
from carrousel.dates import add_months
from carrousel.db import unit_of_work
from carrousel.jobs.runner import run_job
from carrousel.models import Reminder
from carrousel.terms import Terms, route_deadline, terms_from, trial_end, trial_latest_end
from tests.conftest import Client, bearer

TODAY = date.today()


def _deadline(client: Client, token: str, resident: int) -> date | None:
    found = client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).get_json()["deadline"]
    return date.fromisoformat(found) if found else None


def _within_30_days(client: Client, token: str) -> set[int]:
    listed = client.get("/api/v1/residents?deadline=30", headers=bearer(token)).get_json()
    return {item["id"] for item in listed["items"]}


def _reminders(app: Flask, kind: str) -> list[Reminder]:
    with unit_of_work(app) as session:
        return list(session.exec(select(Reminder).where(Reminder.kind == kind, Reminder.status == "open")).all())


def test_the_terms_are_the_plans_numbers_and_follow_the_settings() -> None:
    terms = terms_from(DEFAULTS)
    assert terms.snel_choices == (3, 6)
    assert (terms.ontwikkeling_months, terms.meedoen_evaluation_months) == (12, 12)
    assert terms.trial_months("proefplaatsing") == (3, 6)
    assert terms.trial_months("participatieplaats") == (24, 36)
    assert terms.trial_months("regulier") is None
    start = date(2026, 1, 31)
    assert trial_end(terms, "proefplaatsing", start) == date(2026, 4, 30)
    assert trial_latest_end(terms, "participatieplaats", start) == date(2029, 1, 31)
    changed = terms_from({"reminders": {"snel_months": 4, "snel_extended_months": 8}})
    assert changed.snel_choices == (4, 8) and changed.ontwikkeling_months == 12  # the rest stays the default
    assert route_deadline(changed, "snel", start, False, None) == date(2026, 5, 31)
    assert route_deadline(changed, "snel", start, True, None) == date(2026, 9, 30)
    assert route_deadline(Terms(), "meedoen", start, False, date(2026, 6, 1)) == date(2027, 6, 1)
    assert route_deadline(Terms(), None, start, False, None) is None


def test_an_admin_changes_the_snel_term_and_deadline_filter_and_reminder_agree(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    token = token_for(consultant)
    started = add_months(TODAY, -3) + timedelta(days=20)  # 3 months: due in about 20 days
    resident = make_resident(consultant, route="snel", route_started_on=started, last_contact_on=TODAY)
    extended = make_resident(consultant, route="snel", snel_months=6, route_started_on=started, last_contact_on=TODAY)
    assert _deadline(client, token, resident) == add_months(started, 3)
    assert _within_30_days(client, token) == {resident}

    client.login(make_user("admin").email)
    saved = client.submit("/beheer/instellingen", {"reminders.snel_months": "4", "reminders.snel_extended_months": "7"})
    assert saved.status_code == 302, saved.get_data(as_text=True)

    new_due = add_months(started, 4)
    assert _deadline(client, token, resident) == new_due  # the caseload's deadline follows the setting
    assert _deadline(client, token, extended) == add_months(started, 7)
    assert _within_30_days(client, token) == set()  # and so does its filter
    detail = client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).get_json()
    assert detail["snel_months"] == 4
    # The reminder falls on the same day: 14 days' lead before the new deadline, not the old one.
    run_job(app, "reminders", add_months(started, 3) - timedelta(days=14))
    assert _reminders(app, "snel_deadline") == []
    run_job(app, "reminders", new_due - timedelta(days=14))
    assert [(r.resident_id, r.due_on) for r in _reminders(app, "snel_deadline")] == [(resident, new_due)]

    # The choice is between the terms in force: the old 3 months is no longer one of them.
    refused = client.patch(f"/api/v1/residents/{resident}", headers=bearer(token), json={"snel_months": 3})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"]["snel_months"] == "Kies 4 maanden of 7 maanden."
    # An extended term shorter than the standard one is refused, naming the field; nothing is stored.
    wrong = client.submit("/beheer/instellingen", {"reminders.snel_months": "8", "reminders.snel_extended_months": "7"})
    assert wrong.status_code == 422
    assert "De langere termijn moet langer zijn" in wrong.get_data(as_text=True)
    assert _deadline(client, token, resident) == new_due


def test_a_meedoen_evaluation_moves_the_reminder_and_the_caseload_deadline(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    token = token_for(consultant)
    started = TODAY - timedelta(days=370)
    resident = make_resident(consultant, route="meedoen", route_started_on=started, last_contact_on=TODAY)
    assert _deadline(client, token, resident) == add_months(started, 12)
    assert _within_30_days(client, token) == {resident}
    run_job(app, "reminders", TODAY)
    assert [r.due_on for r in _reminders(app, "meedoen_evaluation")] == [add_months(started, 12)]

    client.login(consultant.email)
    answer = client.submit(f"/caseload/{resident}/evaluatie", {"on_date": TODAY.isoformat(), "note": "Goed gesprek"})
    assert answer.status_code == 302

    next_due = add_months(TODAY, 12)
    assert _deadline(client, token, resident) == next_due
    assert _within_30_days(client, token) == set()
    run_job(app, "reminders", TODAY + timedelta(days=1))
    assert _reminders(app, "meedoen_evaluation") == []  # the evaluation resolved it
    run_job(app, "reminders", next_due - timedelta(days=30))
    assert [r.due_on for r in _reminders(app, "meedoen_evaluation")] == [next_due]
    page = client.get(f"/caseload/{resident}").get_data(as_text=True)
    assert "Volgende evaluatie van de route Meedoen" in page


def test_the_resident_form_offers_the_terms_in_force(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    admin = make_user("admin")
    client.login(admin.email)
    form: dict[str, Any] = {"reminders.snel_months": "2", "reminders.snel_extended_months": "5"}
    assert client.submit("/beheer/instellingen", form).status_code == 302
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel", snel_months=5)
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}/bewerken").get_data(as_text=True)
    assert "2 maanden (in principe)" in page and "5 maanden" in page and "3 maanden" not in page
    assert "(5 maanden)" in client.get(f"/caseload/{resident}").get_data(as_text=True)
