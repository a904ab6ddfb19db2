"""The case over its lifetime in real Chromium on a phone (390 px): closing and reopening a case,
the extension of a place, the successor when a consultant leaves, the outflow on /doelen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import expect
from sqlmodel import select

from carrousel.dates import add_months
from carrousel.db import unit_of_work
from carrousel.models import Placement, Proposal, Resident, User
from carrousel.proposals.lifecycle import running_places
from carrousel.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = 390


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nl-NL", viewport={"width": PHONE, "height": 844})
    tab = context.new_page()
    tab.on("dialog", lambda dialog: dialog.accept())  # the confirmation before a destructive step
    yield tab
    context.close()


def _login(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def _fits_and_is_clean(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def _summary_has_focus(page: Any) -> bool:
    return bool(page.evaluate("document.activeElement.classList.contains('error-summary')"))


def test_a_consultant_closes_and_reopens_a_case_on_a_phone(
    phone: Any, live_server: str, app: Flask, demo: dict[str, int]
) -> None:
    with app.app_context(), unit_of_work(app) as session:
        consultant = session.exec(select(User).where(User.email == "consulent@demo.werkcarrousel.nl")).one()
        residents = session.exec(
            select(Resident).where(Resident.consultant_id == consultant.id, Resident.case_status == "open")
        ).all()
        resident = next(r for r in residents if not running_places(session, r.id))  # type: ignore[arg-type]
    _login(phone, live_server, consultant.email)
    phone.goto(f"{live_server}/caseload/{resident.id}")
    phone.get_by_role("button", name="Dossier sluiten").click()
    phone.wait_for_load_state()
    expect(phone.get_by_role("alert")).to_be_visible()
    assert _summary_has_focus(phone)
    _fits_and_is_clean(phone)
    phone.get_by_label("Reden van uitstroom").select_option("work")
    phone.get_by_role("button", name="Dossier sluiten").click()
    phone.wait_for_load_state()
    expect(phone.locator("main")).to_contain_text("Dossier gesloten")
    expect(phone.locator("main")).to_contain_text("uitstroom: werk")
    _fits_and_is_clean(phone)
    phone.get_by_role("button", name="Dossier heropenen").click()
    phone.wait_for_load_state()
    expect(phone.get_by_role("button", name="Dossier sluiten")).to_be_visible()


def test_a_consultant_extends_a_place_on_a_phone(
    phone: Any, live_server: str, app: Flask, demo: dict[str, int]
) -> None:
    with app.app_context(), unit_of_work(app) as session:
        proposal, email = session.exec(
            select(Proposal.id, User.email)
            .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
            .join(User, User.id == Proposal.consultant_id)  # type: ignore[arg-type]
            .where(Proposal.status == "started", Placement.type.in_(("participatieplaats", "proefplaatsing")))  # type: ignore[attr-defined]
        ).first()  # type: ignore[misc]
    _login(phone, live_server, email)
    phone.goto(f"{live_server}/voorstellen/{proposal}")
    phone.get_by_label("Verlengen tot en met").fill(add_months(date.today(), 60).isoformat())
    phone.get_by_label("Reden van de verlenging").fill("Meer tijd nodig")
    phone.get_by_role("button", name="Verlengen").click()
    phone.wait_for_load_state()
    expect(phone.get_by_role("alert")).to_be_visible()
    assert _summary_has_focus(phone)
    _fits_and_is_clean(phone)


def test_the_admin_chooses_a_successor_on_a_phone(
    phone: Any, live_server: str, app: Flask, demo: dict[str, int]
) -> None:
    with app.app_context(), unit_of_work(app) as session:
        leaving = session.exec(select(User).where(User.email == "consulent2@demo.werkcarrousel.nl")).one()
    _login(phone, live_server, "beheer@demo.werkcarrousel.nl")
    phone.goto(f"{live_server}/beheer/gebruikers/{leaving.id}")
    phone.get_by_role("button", name="Account deactiveren").click()
    phone.wait_for_load_state()
    expect(phone.get_by_role("alert")).to_be_visible()
    assert _summary_has_focus(phone)
    _fits_and_is_clean(phone)
    phone.get_by_label("Opvolger").select_option(label="Sanne de Vries (consulent)")
    phone.get_by_role("button", name="Account deactiveren").click()
    phone.wait_for_load_state()
    expect(phone.locator("main")).to_contain_text("is gedeactiveerd")


def test_the_outflow_on_the_goals_page_fits_a_phone(phone: Any, live_server: str, demo: dict[str, int]) -> None:
    _login(phone, live_server, "adviseur@demo.werkcarrousel.nl")
    phone.goto(f"{live_server}/doelen")
    expect(phone.get_by_role("heading", name=f"Uitstroom in {date.today().year}")).to_be_visible()
    _fits_and_is_clean(phone)
    # Each table's caption reads across the screen, not squeezed into a column a few words wide.
    narrow = phone.eval_on_selector_all(
        "main table caption",
        """captions => captions.filter(c => c.getBoundingClientRect().width
            < 0.8 * c.closest('main').clientWidth - 40).map(c => c.textContent.trim())""",
    )
    assert phone.locator("main table caption").count() >= 3
    assert narrow == [], narrow
