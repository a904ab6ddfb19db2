"""In real Chromium: the placement form follows the organisation and the type; no select is cut off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from carrousel.auth.account import Account
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _login(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_the_placement_form_follows_organisation_and_type(
    page: Any,
    live_server: str,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
) -> None:
    location = make_organisation(kind="location", name="Buurthuis De Linde", postcode="3861AB", sector="Welzijn")
    make_organisation(kind="employer", name="Fietsfabriek", postcode="6701AB", sector="Techniek")
    _login(page, live_server, make_user("adviser").email)
    page.goto(f"{live_server}/werkplekken/nieuw")
    hint = page.locator('[data-only-type="proefplaatsing"]')
    subsidy = page.locator("label[data-paid-only]")
    assert not hint.is_visible()
    page.select_option("#organisation_id", str(location))
    assert page.input_value("#postcode") == "3861AB" and page.input_value("#sector") == "Welzijn"
    assert page.locator('#type option[value="banenafspraak"]').is_disabled()
    page.select_option("#type", "proefplaatsing")
    assert page.input_value("#phase") == "proef" and hint.is_visible() and not subsidy.is_visible()
    page.select_option("#type", "vrijwilligerswerk")
    assert page.input_value("#phase") == "duurzaam" and not hint.is_visible()
    page.select_option("#organisation_id", label="Fietsfabriek (Goedgekeurd)")
    assert page.input_value("#postcode") == "6701AB" and page.input_value("#sector") == "Techniek"
    assert not page.locator('#type option[value="banenafspraak"]').is_disabled()
    page.select_option("#type", "regulier")
    expect(subsidy).to_be_visible()


def test_participatieladder_selects_are_not_cut_off(
    page: Any, live_server: str, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, ladder_now=3, ladder_target=5)
    page.set_viewport_size({"width": 1366, "height": 900})
    _login(page, live_server, consultant.email)
    page.goto(f"{live_server}/caseload/{resident}/bewerken")
    for field in ("#ladder_now", "#ladder_target"):
        shown, natural = page.eval_on_selector(
            field,
            """el => {
                const shown = el.getBoundingClientRect().width;
                const copy = el.cloneNode(true);
                copy.style.cssText = 'width:auto;max-width:none;position:absolute';
                document.body.appendChild(copy);
                const natural = copy.getBoundingClientRect().width;
                copy.remove();
                return [shown, natural];
            }""",
        )
        assert shown >= natural - 0.5, f"{field}: {shown} px shown of {natural} px"
