"""The proposal workflow through the pages: what each role clicks, and what a refusal looks like."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from carrousel.auth.account import Account
from carrousel.dates import add_months
from carrousel.db import unit_of_work
from carrousel.models import ProposalEvent
from carrousel.templating import dutch_date
from tests.carrousel.proposals_flow import counsel, propose, step
from tests.conftest import Client


@pytest.fixture
def cast(
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> dict[str, int | Account | str]:
    organisation = make_organisation(name="Bakkerij De Korenschoof")
    consultant = make_user("consultant")
    return {
        "consultant": consultant,
        "adviser": make_user("adviser"),
        "employer": make_user("employer", organisation_id=organisation),
        "organisation": organisation,
        "placement": make_placement(organisation, title="Medewerker bakkerij", type="proefplaatsing", capacity=1),
        "resident": make_resident(consultant, name="Sanne de Vries", birth_year=1984, abc="G2"),
        "token": token_for(consultant),
    }


def _day(days: int) -> date:
    return date.today() + timedelta(days=days)


def _proposed_on(client: Client, day: date, *proposals: int) -> None:
    """Date the proposals' first step back (a step is never dated before the one it follows)."""
    app = client.application
    with app.app_context(), unit_of_work(app) as session:
        session.exec(  # type: ignore[call-overload]
            update(ProposalEvent)
            .where(ProposalEvent.proposal_id.in_(proposals), ProposalEvent.status == "proposed")  # type: ignore[attr-defined]
            .values(on_date=day)
        )


def _version(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found
    return found.group(1)


def test_the_consultant_proposes_from_passende_plekken_and_records_consent(client: Client, cast: dict) -> None:
    client.login(cast["consultant"].email)
    matches = client.get(f"/caseload/{cast['resident']}/plekken").get_data(as_text=True)
    link = f"/voorstellen/nieuw?inwoner={cast['resident']}&amp;werkplek={cast['placement']}"
    assert link in matches
    form = client.get(link.replace("&amp;", "&"))
    assert form.status_code == 200 and "De organisatie leest dit" in form.get_data(as_text=True)
    made = client.submit(
        "/voorstellen",
        {"resident_id": cast["resident"], "placement_id": cast["placement"], "motivation": "Bakt graag"},
    )
    assert made.status_code == 302
    page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert "Voorgesteld" in page and "Bakt graag" in page and "Toestemming vastleggen" in page
    assert "Uitnodigen" not in page  # not the consultant's step
    url = made.headers["Location"] + "/stap"
    assert "Hoe gaf de inwoner toestemming?" in page
    fields = {"to": "consented", "on": date.today().isoformat(), "version": _version(page)}
    missing = client.submit(url, fields)  # consent is a record: how it was given is required
    assert missing.status_code == 422 and "Controleer dit veld" in missing.get_data(as_text=True)
    consented = client.submit(url, {**fields, "channel": "phone", "scope": ["hours_available", "talents"]})
    assert consented.status_code == 302
    assert "Toestemming gegeven" in client.get(made.headers["Location"]).get_data(as_text=True)
    resident_page = client.get(f"/caseload/{cast['resident']}").get_data(as_text=True)
    assert "Medewerker bakkerij" in resident_page and "Voorstel: – → Toestemming gegeven" in resident_page


def test_a_refused_proposal_comes_back_with_the_rules_reason(
    client: Client, cast: dict, make_placement: Callable[..., int]
) -> None:
    banen = make_placement(cast["organisation"], type="banenafspraak", title="Kassa")
    client.login(cast["consultant"].email)
    refused = client.submit("/voorstellen", {"resident_id": cast["resident"], "placement_id": banen})
    assert refused.status_code == 422
    assert "niet in het doelgroepregister" in refused.get_data(as_text=True)
    propose(client, cast["token"], cast["resident"], cast["placement"])
    twice = client.submit("/voorstellen", {"resident_id": cast["resident"], "placement_id": cast["placement"]})
    assert twice.status_code == 409 and "al voorgesteld" in twice.get_data(as_text=True)


def test_the_employer_invites_from_the_inbox_and_sees_the_name_only_then(client: Client, cast: dict) -> None:
    proposal = propose(client, cast["token"], cast["resident"], cast["placement"]).get_json()["id"]
    client.login(cast["employer"].email)
    assert "Sanne" not in client.get("/voorstellen").get_data(as_text=True)
    assert client.get(f"/voorstellen/{proposal}").status_code == 404  # no consent yet
    step(client, cast["token"], proposal, "consented")
    inbox = client.get("/voorstellen").get_data(as_text=True)
    assert "Wacht op uw antwoord (1)" in inbox and "Sanne" not in inbox
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Uitnodigen" in page and "Afwijzen" in page and "Start vastleggen" not in page
    assert cast["consultant"].email in page and "G2" not in page and "1984" not in page
    no_reason = client.submit(f"/voorstellen/{proposal}/stap", {"to": "declined", "version": _version(page)})
    assert no_reason.status_code == 422 and "Geef de reden van de afwijzing." in no_reason.get_data(as_text=True)
    invited = client.submit(
        f"/voorstellen/{proposal}/stap",
        {"to": "introduced", "kind": "driegesprek", "on": _day(3).isoformat(), "version": _version(page)},
    )
    assert invited.status_code == 302
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Sanne de Vries" in page and "Driegesprek" in page and dutch_date(_day(3)) in page
    stale = client.submit(f"/voorstellen/{proposal}/stap", {"to": "declined", "reason": "x", "version": "1"})
    assert stale.status_code == 409 and "Iemand anders heeft dit intussen gewijzigd" in stale.get_data(as_text=True)


def test_the_consultant_records_the_start_nazorg_and_a_switch(
    client: Client, cast: dict, make_placement: Callable[..., int]
) -> None:
    proposal = propose(client, cast["token"], cast["resident"], cast["placement"]).get_json()["id"]
    step(client, cast["token"], proposal, "consented")
    client.login(cast["adviser"].email)
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    client.submit(f"/voorstellen/{proposal}/stap", {"to": "introduced", "version": _version(page)})
    client.login(cast["consultant"].email)
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    too_long = client.submit(
        f"/voorstellen/{proposal}/stap",
        {
            "to": "started",
            "on": date.today().isoformat(),
            "end_date": add_months(date.today(), 7).isoformat(),
            "version": _version(page),
        },
    )
    assert too_long.status_code == 422 and "hoogstens 6 maanden" in too_long.get_data(as_text=True)
    started = client.submit(
        f"/voorstellen/{proposal}/stap", {"to": "started", "on": date.today().isoformat(), "version": _version(page)}
    )
    assert started.status_code == 302
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    three_months = dutch_date(add_months(date.today(), 3))  # the proefplaatsing's 3 months
    assert "Gestart" in page and dutch_date(date.today()) in page and three_months in page
    assert client.submit(f"/voorstellen/{proposal}/nazorg", {"note": "Gaat goed"}).status_code == 302
    assert "Gaat goed" in client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    resident_page = client.get(f"/caseload/{cast['resident']}").get_data(as_text=True)
    assert "Werkplek: – → Medewerker bakkerij" in resident_page
    other = make_placement(cast["organisation"], title="Winkelmedewerker")  # paid: an income scenario first
    counsel(client, cast["token"], cast["resident"])
    form = client.get(f"/voorstellen/{proposal}/wisselen")
    assert form.status_code == 200 and "Winkelmedewerker" in form.get_data(as_text=True)
    switched = client.submit(
        f"/voorstellen/{proposal}/wisselen", {"placement_id": other, "consent_channel": "phone", "version": "0"}
    )
    assert switched.status_code == 409  # a stale version: nothing changed
    no_consent = client.submit(f"/voorstellen/{proposal}/wisselen", {"placement_id": other})
    assert no_consent.status_code == 422
    assert 'href="#consent_channel"' in no_consent.get_data(as_text=True)  # the error summary names the field
    switched = client.submit(
        f"/voorstellen/{proposal}/wisselen",
        {"placement_id": other, "consent_channel": "phone", "motivation": "Stap vooruit"},
    )
    assert switched.status_code == 302, switched.get_data(as_text=True)
    new_page = client.get(switched.headers["Location"]).get_data(as_text=True)
    assert "Winkelmedewerker" in new_page and "Toestemming: telefonisch" in new_page
    old = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    assert "Gestart" in old and "Gewisseld naar een andere plek" not in old  # ends only when the new one starts


def test_the_adviser_sees_the_pipeline_oldest_waiting_first_and_the_median(
    client: Client, cast: dict, make_resident: Callable[..., int]
) -> None:
    late = propose(client, cast["token"], cast["resident"], cast["placement"]).get_json()["id"]
    other = make_resident(cast["consultant"], name="Daan Bakker")
    early = propose(client, cast["token"], other, cast["placement"]).get_json()["id"]
    _proposed_on(client, date(2026, 11, 1), late, early)  # proposed before these tests' days
    step(client, cast["token"], late, "consented", on="2026-11-20")
    step(client, cast["token"], early, "consented", on="2026-11-10")
    client.login(cast["adviser"].email)
    page = client.get(f"/voorstellen?organisatie={cast['organisation']}").get_data(as_text=True)
    assert page.index(f'/voorstellen/{early}"') < page.index(f'/voorstellen/{late}"')
    assert "Nog geen beantwoorde voorstellen." in page
    step_page = client.get(f"/voorstellen/{early}").get_data(as_text=True)
    client.submit(f"/voorstellen/{early}/stap", {"to": "declined", "reason": "Vol", "version": _version(step_page)})
    page = client.get("/voorstellen").get_data(as_text=True)
    days = (date.today() - date(2026, 11, 10)).days
    assert f"<td>Bakkerij De Korenschoof</td><td>{days},0</td><td>1</td>" in page
    assert "Positie" in client.get("/voorstellen/kwaliteit").get_data(as_text=True)
    client.login(cast["consultant"].email)
    assert client.get("/voorstellen/kwaliteit").status_code == 403
