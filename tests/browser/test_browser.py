"""In real Chromium: login through the form, and axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS
from tests.conftest import PAGES

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _login(page: Any, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_login_through_the_real_form(page: Any, live_server: str, demo: dict[str, int]) -> None:
    _login(page, live_server, "consulent@demo.werkcarrousel.nl", "verkeerd-wachtwoord")
    assert "E-mailadres of wachtwoord klopt niet" in page.content()
    _login(page, live_server, "consulent@demo.werkcarrousel.nl", DEMO_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Goedendag")
    page.get_by_role("link", name="Caseload").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Caseload"
    page.get_by_role("button", name="Uitloggen").click()
    assert page.url.endswith("/inloggen")


def test_occupation_autocomplete_suggests_kansrijke_beroepen(page: Any, live_server: str, demo: dict[str, int]) -> None:
    _login(page, live_server, "adviseur@demo.werkcarrousel.nl", DEMO_PASSWORD)
    page.goto(f"{live_server}/werkplekken/nieuw")
    page.get_by_role("textbox", name="Beroep", exact=True).press_sequentially("heftruk", delay=30)
    suggestion = page.get_by_role("button", name="Heftruckchauffeurs (Transport - logistiek)")
    suggestion.click()
    assert page.get_by_role("textbox", name="Beroep", exact=True).input_value() == "Heftruckchauffeurs"


PHONE, DESKTOP = 390, 1366
# The innermost elements that stick out past the right edge, so a failure says where to look.
_TOO_WIDE = """width => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > width + 0.5 && !Array.from(e.children).some(
    c => c.getBoundingClientRect().right > width + 0.5))
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className ? '.' + String(e.className).split(' ').join('.') : ''))"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["telefoon", "scherm"])
@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "bezoeker")
def test_every_page_fits_the_screen_and_has_no_wcag_violations(
    browser: Any, live_server: str, demo: dict[str, int], role: str | None, width: int
) -> None:
    """The sweep: every page of every role, on a phone and a laptop: no sideways scrolling, axe clean."""
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844 if width == PHONE else 768})
    page = context.new_page()
    if role:
        _login(page, live_server, next(e for r, e, _ in DEMO_USERS if r == role), DEMO_PASSWORD)
    axe = Axe()
    failures = []
    for path in PAGES[role]:
        response = page.goto(live_server + path.format(**demo))
        assert response.status == 200, path
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide = page.evaluate(_TOO_WIDE, width)
            failures.append(f"{path}: {scroll_width} px breed op een scherm van {width} px: {wide}")
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            failures.append(f"{path}:\n{result.generate_report()}")
    context.close()
    assert not failures, "\n".join(failures)


def test_error_summary_after_a_bad_form_is_accessible(page: Any, live_server: str, demo: dict[str, int]) -> None:
    _login(page, live_server, "consulent@demo.werkcarrousel.nl", DEMO_PASSWORD)
    page.goto(f"{live_server}/caseload/nieuw")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def test_the_accessibility_check_does_catch_a_violation(page: Any) -> None:
    page.set_content('<html lang="nl"><body><main><img src="foto.png"><input type="text"></main></body></html>')
    result = Axe().run(page, options=WCAG)
    assert {v["id"] for v in result.response["violations"]} >= {"image-alt", "label"}


def test_on_a_phone_filters_fold_away_and_each_row_reads_as_a_labelled_card(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    for width, folded in ((PHONE, True), (DESKTOP, False)):
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
        page = context.new_page()
        _login(page, live_server, DEMO_USERS[0][1], DEMO_PASSWORD)
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Caseload").click()
        page.wait_for_url("**/caseload*")  # is_visible does not wait: read the caseload, not the page before it
        page.locator("main table tbody tr").first.wait_for()
        filter_field = page.get_by_label("Route", exact=True)
        assert filter_field.is_visible() is not folded, width
        first_cell = page.locator("main table tbody tr").first.locator("td").nth(2)
        assert first_cell.get_attribute("data-label") == "Route"
        label = first_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert (label == '"Route"') is folded, (width, label)
        if folded:
            page.get_by_text("Zoeken, filteren en sorteren").click()
            filter_field.select_option("snel")
            page.get_by_role("button", name="Toepassen").click()
            # The URL changes when the answer starts to arrive, before its page is parsed: wait
            # for the page's load and let expect() retry, is_visible() reads one moment only.
            page.wait_for_url("**route=snel*", wait_until="load")
            expect(page.get_by_label("Route", exact=True)).to_be_visible()  # open again: a filter is set
        context.close()


def test_a_visitor_on_a_phone_shows_interest_through_the_real_form(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": PHONE, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server}/plekken")
    page.locator("ul.cards h2 a").first.click()
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()

    page.get_by_label("Je naam").fill("Robin Peters")
    page.get_by_label("Je e-mailadres of telefoonnummer").fill("robin@voorbeeld.nl")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Bericht versturen").click()

    expect(page.get_by_text("Je bericht is verstuurd")).to_be_visible()
    context.close()
