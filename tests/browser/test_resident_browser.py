"""In real Chromium on a phone (390 px): the resident's own pages from the consultant's link; axe: 0."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import expect
from sqlmodel import select

from carrousel.db import unit_of_work
from carrousel.models import Proposal, Resident, User
from carrousel.ownpages.operations import link_for_code
from tests.browser.test_proposals_browser import _login

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 390, "height": 844}


def _no_violations(page: Any) -> None:
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def _fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def _link_of_a_proposed_resident(app: Flask, live_server: str) -> str:
    settings = app.config["CARROUSEL"]["app"]
    kept, settings["base_url"] = settings["base_url"], live_server  # links start with app.base_url
    with app.app_context(), unit_of_work(app) as session:
        code = session.exec(
            select(Resident.code)
            .join(Proposal, Proposal.resident_id == Resident.id)  # type: ignore[arg-type]
            .where(Proposal.status == "proposed")
        ).first()
        assert code is not None
        _resident, url, _expires = link_for_code(session, code)
    settings["base_url"] = kept
    return url


def test_the_resident_confirms_and_consents_on_a_phone(
    browser: Any, live_server: str, app: Flask, demo: dict[str, int]
) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(_link_of_a_proposed_resident(app, live_server))
        page.wait_for_load_state()
        assert page.url.endswith("/ik")
        for path in ("/ik", "/ik/klopt-dit-nog", "/ik/voorstellen", "/ik/inzage"):
            page.goto(f"{live_server}{path}")
            _fits_the_phone(page)
            _no_violations(page)
            assert "G4" not in page.content()

        page.goto(f"{live_server}/ik/klopt-dit-nog")
        page.get_by_label("Hoeveel uur per week kunt u werken?").fill("99")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_load_state()
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        _no_violations(page)
        page.get_by_label("Hoeveel uur per week kunt u werken?").fill("16")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_load_state()
        expect(page.locator("main")).to_contain_text("Dank u wel")

        page.goto(f"{live_server}/ik/voorstellen")
        page.get_by_role("button", name="Ja, ik wil kennismaken").first.click()
        page.wait_for_load_state()
        expect(page.locator("main")).to_contain_text("U gaf toestemming.")
        _fits_the_phone(page)
        _no_violations(page)
    finally:
        context.close()


def test_the_consultant_makes_a_link_and_drafts_the_agreement(
    page: Any, live_server: str, app: Flask, demo: dict[str, int]
) -> None:
    with app.app_context(), unit_of_work(app) as session:
        introduced = session.exec(
            select(Proposal.id, Resident.id, Resident.consultant_id)
            .join(Resident, Resident.id == Proposal.resident_id)  # type: ignore[arg-type]
            .where(Proposal.status == "introduced")
        ).first()
        assert introduced is not None
        email = session.exec(select(User.email).where(User.id == introduced[2])).one()
    _login(page, live_server, email)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server}/caseload/{introduced[1]}")
    page.get_by_role("button", name="Inloglink voor de inwoner").click()
    page.wait_for_load_state()
    assert "/ik/link/r." in page.get_by_label("Link om te kopiëren").input_value()
    _no_violations(page)
    page.goto(f"{live_server}/voorstellen/{introduced[0]}/afspraken")
    _no_violations(page)
    page.get_by_label("Taken").fill("Groente snijden en afwassen")
    page.get_by_role("button", name="Afspraken opslaan").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    _no_violations(page)
