"""Issue 20 (Pages II) in real Chromium: what a working day in the browser tripped over."""

from __future__ import annotations

from typing import Any

import pytest

from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}

# The element that has focus is the error summary or the confirmation, and it is on screen.
_FOCUSED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {
    summary: ['error-summary', 'flash', 'flashes', 'notice'].some(c => el.classList.contains(c)),
    text: el.innerText,
    visible: box.top >= 0 && box.top < window.innerHeight && box.bottom > 0,
  };
}"""


def _login(page: Any, base: str, role: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("E-mailadres").fill(next(e for r, e, _ in DEMO_USERS if r == role))
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def _phone(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    return context, context.new_page()


def test_focus_lands_on_the_error_summary_after_a_refused_abc_measurement(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    """Item 1: the refused measurement's errors are where the eyes are, not 990 px down."""
    context, page = _phone(browser)
    _login(page, live_server, "consultant")
    page.goto(f"{live_server}/caseload/{demo['resident']}")
    page.get_by_role("button", name="Meting vastleggen").click()
    page.wait_for_load_state()
    focused = page.evaluate(_FOCUSED)
    assert focused["summary"] and focused["visible"], focused
    assert "ABC-niveau" in focused["text"]
    # The evaluation without a date (item 2) lands the same way, on its own summary.
    page.get_by_label("Toelichting").first.fill("Gaat goed")
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    page.wait_for_load_state()
    focused = page.evaluate(_FOCUSED)
    assert focused["summary"] and focused["visible"] and "Datum van de evaluatie" in focused["text"], focused
    assert page.get_by_label("Toelichting").first.input_value() == "Gaat goed"
    context.close()


def test_focus_lands_on_the_catalogue_forms_errors_and_then_its_confirmation(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    """Item 1: on a phone both the errors and 'Je bericht is verstuurd' were below the fold."""
    context, page = _phone(browser)
    page.goto(f"{live_server}/plekken/{demo['place']}")
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_load_state()
    focused = page.evaluate(_FOCUSED)
    assert focused["summary"] and focused["visible"] and "Je naam" in focused["text"], focused

    page.get_by_label("Je naam").fill("Robin Peters")
    page.get_by_label("Je e-mailadres of telefoonnummer").fill("robin@voorbeeld.nl")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_load_state()
    focused = page.evaluate(_FOCUSED)
    assert focused["summary"] and focused["visible"] and "Je bericht is verstuurd" in focused["text"], focused
    context.close()
