"""In real Chromium: the goals page with its SVG charts and the reminders list pass axe-core,
the charts draw without inline style (CSP), and the done button works."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import expect

from carrousel.jobs.runner import run_job
from carrousel.seeding import DEMO_PASSWORD
from tests.browser.test_browser import WCAG, _login

pytestmark = pytest.mark.browser


@pytest.fixture
def history(app: Flask, demo: dict[str, int]) -> dict[str, int]:
    today = date.today()
    for offset in range(10, -1, -1):
        for job in ("goal_snapshot", "reminders"):
            run_job(app, job, today - timedelta(days=offset))
    return demo


def _no_violations(page: Any) -> None:
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def test_the_goals_page_draws_its_charts_and_passes_axe(page: Any, live_server: str, history: dict[str, int]) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    _login(page, live_server, "adviseur@demo.werkcarrousel.nl", DEMO_PASSWORD)
    page.goto(f"{live_server}/doelen")
    charts = page.locator("figure.chart svg")
    assert charts.count() == 4
    assert charts.first.bounding_box()["width"] > 200  # styled by the stylesheet, so drawn at full width
    expect(page.get_by_role("img", name="Aangesloten werkgevers en locaties", exact=False)).to_be_visible()
    # The demo brings its own month of history; the caption counts the days in words.
    expect(page.get_by_role("table", name=re.compile(r"^De doelen per dag \(\d+ dagen\)$"))).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    _no_violations(page)


def test_the_reminders_list_passes_axe_and_the_done_button_works(
    page: Any, live_server: str, history: dict[str, int]
) -> None:
    _login(page, live_server, "consulent@demo.werkcarrousel.nl", DEMO_PASSWORD)
    page.goto(f"{live_server}/herinneringen")
    _no_violations(page)
    caption = page.locator("table caption").inner_text()
    buttons = page.get_by_role("button", name="Afgehandeld")
    before = buttons.count()
    assert before > 0, caption
    buttons.first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("De herinnering is afgehandeld.")).to_be_visible()
    page.get_by_role("link", name="Afgehandeld", exact=True).click()
    assert page.locator("tbody tr").count() == 1
    _no_violations(page)


def test_the_settings_page_and_the_resident_forms_pass_axe(
    page: Any, live_server: str, history: dict[str, int]
) -> None:
    _login(page, live_server, "beheer@demo.werkcarrousel.nl", DEMO_PASSWORD)
    page.goto(f"{live_server}/beheer/instellingen")
    _no_violations(page)
    page.get_by_label("Snel naar werk: termijn in maanden (in principe)").fill("99")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    _no_violations(page)
