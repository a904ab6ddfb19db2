"""In real Chromium: the income scenario of a resident, filled in on a phone (390 px), its answer with the
SVG bar chart (no inline style: CSP), axe clean, and the printout without menu and buttons."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from carrousel.seeding import DEMO_PASSWORD
from tests.browser.test_browser import PHONE, WCAG, _login

pytestmark = pytest.mark.browser


def _fits_and_passes_axe(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def test_a_consultant_works_out_the_income_on_a_phone_and_prints_it(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": PHONE, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    _login(page, live_server, "consulent@demo.werkcarrousel.nl", DEMO_PASSWORD)
    page.goto(f"{live_server}/caseload/{demo['resident']}")
    page.get_by_role("link", name="Inkomen bij werk").click()
    page.wait_for_url("**/inkomen")
    _fits_and_passes_axe(page)
    page.get_by_role("button", name="Uitrekenen en vastleggen").click()  # nothing filled in
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()
    _fits_and_passes_axe(page)
    page.get_by_label("Huishouden").select_option("single")
    page.get_by_label("Netto loon per maand (euro)").fill("800")
    page.get_by_label("Toeslagen", exact=False).check()
    page.get_by_role("button", name="Uitrekenen en vastleggen").click()
    page.wait_for_url("**/inkomen/*")
    expect(page.get_by_role("heading", name="Wat werk doet met uw inkomen")).to_be_visible()
    chart = page.get_by_role("img", name="Inkomen per maand", exact=False)
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    assert page.locator("rect.bar-wage").count() == 6
    expect(page.get_by_text("niet bevestigd").first).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    _fits_and_passes_axe(page)
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.get_by_role("button", name="Vastleggen wat besproken is").is_visible()
    expect(page.get_by_role("table", name="Per maand, netto")).to_be_visible()
    context.close()
