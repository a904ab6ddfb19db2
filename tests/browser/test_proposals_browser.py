"""In real Chromium: the consultant proposes, the employer invites, the consultant records the start; axe: 0."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import expect
from sqlmodel import select

from carrousel.db import unit_of_work
from carrousel.models import Proposal, Resident, User
from carrousel.seeding import DEMO_PASSWORD
from carrousel.templating import dutch_date

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _login(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def _no_violations(page: Any) -> None:
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def _expect_status(page: Any, status: str) -> None:
    """The proposal's status, once the page after the step has rendered (expect() retries)."""
    expect(page.locator("dl.facts dd").first).to_have_text(status)


def test_the_consultant_proposes_a_resident(page: Any, live_server: str, app: Flask, demo: dict[str, int]) -> None:
    with app.app_context(), unit_of_work(app) as session:
        consultant = session.exec(select(User).where(User.email == "consulent@demo.werkcarrousel.nl")).one()
        proposed = select(Proposal.resident_id)
        resident = session.exec(
            select(Resident).where(Resident.consultant_id == consultant.id, Resident.id.not_in(proposed))  # type: ignore[union-attr]
        ).first()
        assert resident is not None
    _login(page, live_server, consultant.email)
    page.goto(f"{live_server}/caseload/{resident.id}/plekken")
    page.locator("ol.matches").get_by_role("link", name="Voorstellen").first.click()
    page.wait_for_load_state()
    _no_violations(page)
    page.get_by_label("Motivatie").fill("Werkt graag met de handen en wil dichtbij huis beginnen.")
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_load_state()
    _expect_status(page, "Voorgesteld")
    expect(page.get_by_role("button", name="Toestemming vastleggen")).to_be_visible()
    _no_violations(page)
    # Consent is a record: without how it was given the form comes back with its error summary.
    page.get_by_role("button", name="Toestemming vastleggen").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    _no_violations(page)
    page.get_by_label("Telefonisch").check()
    page.get_by_label("Talenten en interesses").uncheck()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    page.wait_for_load_state()
    _expect_status(page, "Toestemming gegeven")
    assert "Telefonisch" in page.content() and "talenten en interesses" not in page.content()
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_employer_invites_to_a_driegesprek(page: Any, live_server: str, demo: dict[str, int]) -> None:
    _login(page, live_server, "werkgever@demo.werkcarrousel.nl")
    page.get_by_role("link", name="Voorstellen").first.click()
    page.wait_for_load_state()
    _no_violations(page)
    page.goto(f"{live_server}/voorstellen/{demo['proposal']}")
    _expect_status(page, "Toestemming gegeven")
    page.get_by_label("Soort gesprek").select_option("driegesprek")
    soon = date.today() + timedelta(days=3)
    page.get_by_label("Datum gesprek").fill(soon.isoformat())
    page.get_by_role("button", name="Uitnodigen").click()
    page.wait_for_load_state()
    _expect_status(page, "Uitgenodigd")
    expect(page.locator("main")).to_contain_text(dutch_date(soon))
    _no_violations(page)


def test_the_consultant_records_the_start(page: Any, live_server: str, app: Flask, demo: dict[str, int]) -> None:
    with app.app_context(), unit_of_work(app) as session:
        proposal, email = session.exec(
            select(Proposal.id, User.email)
            .join(Resident, Resident.id == Proposal.resident_id)  # type: ignore[arg-type]
            .join(User, User.id == Resident.consultant_id)  # type: ignore[arg-type]
            .where(Proposal.status == "introduced")
        ).first()  # type: ignore[misc]
    _login(page, live_server, email)
    page.goto(f"{live_server}/voorstellen/{proposal}")
    _expect_status(page, "Uitgenodigd")
    page.get_by_label("Startdatum").fill(date.today().isoformat())
    page.get_by_role("button", name="Start vastleggen").click()
    page.wait_for_load_state()
    _expect_status(page, "Gestart")
    expect(page.locator("main")).to_contain_text(dutch_date(date.today()))
    _no_violations(page)
