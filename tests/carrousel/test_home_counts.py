"""Issue 10, item 3: each role's start page counts what needs doing and links to that list."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask import Flask

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.home import counts
from carrousel.models import Proposal, Reminder
from tests.conftest import Client


def _counts(page: str) -> dict[str, tuple[int, str]]:
    """The counts on a start page: text -> (number, link)."""
    found = re.findall(r'<a href="([^"]+)"><span class="count">(\d+)</span> <span>([^<]+)</span></a>', page)
    return {text: (int(number), url.replace("&amp;", "&")) for url, number, text in found}


def _rows(client: Client, url: str) -> list[str]:
    return re.findall(r'<a href="/caseload/\d+">([^<]+)</a>', client.get(url).get_data(as_text=True))


def test_a_consultant_sees_deadlines_ontheffingen_and_missing_contact_counted(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    today = date.today()
    consultant = make_user("consultant")
    other = make_user("consultant")
    snel = {"route": "snel", "snel_months": 3, "last_contact_on": today}
    make_resident(consultant, name="Termijn Verstreken", route_started_on=today - timedelta(days=120), **snel)
    make_resident(consultant, name="Termijn Bijna", route_started_on=today - timedelta(days=70), **snel)
    make_resident(consultant, name="Termijn Ver", route_started_on=today, **snel)
    ontheffing = {"route": "meedoen", "last_contact_on": today}
    make_resident(consultant, name="Ontheffing Dertig", ontheffing_until=today + timedelta(days=30), **ontheffing)
    make_resident(consultant, name="Ontheffing Eenendertig", ontheffing_until=today + timedelta(days=31), **ontheffing)
    make_resident(consultant, name="Vorig Jaar", route=None, last_contact_on=date(today.year - 1, 12, 31))
    make_resident(other, name="Niet Van Mij", route=None, last_contact_on=date(today.year - 1, 1, 1))
    client.login(consultant.email)

    shown = _counts(client.get("/").get_data(as_text=True))

    deadline = shown["inwoners met een termijn die verstreken is of binnen 30 dagen afloopt"]  # most urgent first
    assert deadline[0] == 2 and _rows(client, deadline[1]) == ["Termijn Verstreken", "Termijn Bijna"]
    ending = shown["ontheffing loopt binnen 30 dagen af"]  # the 30th day counts, the 31st not
    assert ending[0] == 1 and _rows(client, ending[1]) == ["Ontheffing Dertig"]
    no_contact = shown["inwoner nog niet gesproken dit jaar"]  # the other consultant's resident is not counted
    assert no_contact[0] == 1 and _rows(client, no_contact[1]) == ["Vorig Jaar"]


def test_an_adviser_sees_waiting_registrations_and_the_link_lists_them(
    client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    adviser = make_user("adviser")
    make_organisation(status="pending", name="Wachtende Bakkerij")
    make_organisation(status="approved", name="Goedgekeurde Garage")
    client.login(adviser.email)

    number, url = _counts(client.get("/").get_data(as_text=True))["aanmelding wacht op goedkeuring"]

    assert number == 1
    listed = client.get(url).get_data(as_text=True)
    assert "Wachtende Bakkerij" in listed and "Goedgekeurde Garage" not in listed
    make_organisation(status="pending")
    assert _counts(client.get("/").get_data(as_text=True))["aanmeldingen wachten op goedkeuring"][0] == 2


def test_a_count_is_one_line_and_one_whose_list_does_not_exist_yet_is_left_out(
    client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = [
        counts.HomeCount(("consultant",), "open werkplek", "open werkplekken", lambda s, a: 7, "placements.index"),
        counts.HomeCount(("consultant",), "later", "later", lambda s, a: 3, "toekomst.index"),
        counts.HomeCount(("adviser",), "voorstel", "voorstellen", lambda s, a: 5, "placements.index"),
    ]
    monkeypatch.setattr(counts, "COUNTS", counts.COUNTS + extra)
    client.login(make_user("consultant").email)

    shown = _counts(client.get("/").get_data(as_text=True))

    assert shown["open werkplekken"] == (7, "/werkplekken")
    assert "later" not in shown and "voorstellen" not in shown


def test_an_employer_counts_the_proposals_waiting_for_its_answer_and_a_consultant_its_reminders(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
) -> None:
    organisation = make_organisation()
    placement = make_placement(organisation)
    consultant = make_user("consultant")
    residents = [make_resident(consultant) for _ in range(3)]
    with app.app_context(), unit_of_work(app) as session:
        # Consented: the employer's turn; proposed: not yet visible to the employer.
        for resident, status in zip(residents, ("consented", "consented", "proposed"), strict=True):
            session.add(
                Proposal(resident_id=resident, placement_id=placement, organisation_id=organisation, status=status)
            )
        today = date.today()
        session.add(
            Reminder(
                key="t", kind="no_contact_this_year", due_on=today, user_id=consultant.id, text="Bel", created_on=today
            )
        )
    client.login(make_user("employer", organisation_id=organisation).email)
    assert _counts(client.get("/").get_data(as_text=True))["voorstellen wachten op antwoord"] == (2, "/voorstellen")
    client.login(consultant.email)
    shown = _counts(client.get("/").get_data(as_text=True))
    assert shown["open herinnering"] == (1, "/herinneringen?status=open")
    assert shown["voorstel wacht op een stap van u (toestemming of start)"] == (1, "/voorstellen")
