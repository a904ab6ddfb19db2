"""Issue 20 (Pages II) in real Chromium: what a working day in the browser tripped over."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS
from tests.carrousel.test_words import problems
from tests.conftest import PAGES, PASSWORD

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


def test_import_check_warns_of_a_twin_of_an_existing_organisation(
    browser: Any, live_server: str, demo: dict[str, int], tmp_path: Any
) -> None:
    """Item 3: 'bakkerij de korenschoof' beside 'Bakkerij De Korenschoof' is flagged in the check step."""
    context, page = _phone(browser)
    _login(page, live_server, "adviser")
    page.goto(f"{live_server}/importeren")
    assert page.get_by_label("Organisaties zonder status worden").input_value() == "pending"
    upload = tmp_path / "organisaties.csv"
    upload.write_text("soort;naam;postcode;e-mailadres;status\nwerkgever;bakkerij de korenschoof;6701AB;x@y.nl;\n")
    page.get_by_label("Wat importeert u?").select_option("organisations")
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Lijkt op ‘Bakkerij De Korenschoof’")).to_be_visible()
    assert "wacht op goedkeuring" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_employer_posts_in_plain_words_and_publishes_the_draft(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    """Item 4: plain questions on a phone; a draft's page has Publiceren and says who sees it now."""
    context, page = _phone(browser)
    _login(page, live_server, "employer")
    page.goto(f"{live_server}/werkplekken/nieuw")
    expect(page.get_by_text("Hoeveel begeleiding kunt u bieden?")).to_be_visible()
    assert page.locator("#max_abc").count() == 0 and page.locator("#phase").count() == 0
    page.get_by_label("Titel").fill("Broodjes smeren")
    page.locator("#type").select_option("internship")
    page.get_by_label("Dagelijks iemand die meekijkt en helpt").check()
    page.get_by_label("Ook als eerste stap, zonder dat doel").check()
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_load_state()
    assert "Dagelijks iemand die meekijkt en helpt" in page.inner_text("main")
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_load_state()
    focused = page.evaluate(_FOCUSED)
    assert focused["visible"] and "consulenten zien de plek nu" in focused["text"], focused
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_consultant_reads_what_a_proposal_waits_for_and_the_declines_on_the_start_page(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    """Item 5: 'wacht op de werkgever, sinds ...' beside Intrekken; declines counted and linked."""
    context, page = _phone(browser)
    _login(page, live_server, "consultant")
    tile = page.locator(".counts a", has_text="afgewezen in de afgelopen 30 dagen")
    number = int(tile.locator(".count").inner_text())
    tile.click()
    page.wait_for_load_state()
    assert page.url.endswith("/voorstellen#afgewezen")
    assert f"Afgewezen in de afgelopen 30 dagen ({number})" in page.inner_text("main")
    waiting = page.locator("main table", has_text="Lopende voorstellen").locator("tr", has_text="Toestemming gegeven")
    if waiting.count():
        waiting.first.locator("a").first.click()
        page.wait_for_load_state()
        assert "Wacht op de werkgever, sinds" in page.inner_text("main")
        expect(page.get_by_role("button", name="Intrekken")).to_be_visible()
    context.close()


def test_the_goals_page_fits_a_phone_with_its_charts(browser: Any, live_server: str, demo: dict[str, int]) -> None:
    """Item 6: four charts from the demo's history, none wider than the phone."""
    context, page = _phone(browser)
    _login(page, live_server, "adviser")
    page.goto(f"{live_server}/doelen")
    assert page.locator("figure.chart svg").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    widths = page.eval_on_selector_all("figure.chart svg", "els => els.map(e => e.getBoundingClientRect().width)")
    assert all(0 < w <= PHONE["width"] for w in widths), widths
    context.close()


def test_the_consultant_reads_exclusions_with_numbers(
    browser: Any,
    live_server: str,
    make_user: Any,
    make_resident: Any,
    make_placement: Any,
) -> None:
    """Item 7: 'vraagt minimaal 16 uur, kan 12' on the consultant's page."""
    consultant = make_user("consultant")
    make_placement(title="Inpakker", min_hours=16, max_hours=32)
    resident = make_resident(consultant, abc="G2", hours_available=12)
    context, page = _phone(browser)
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(consultant.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/caseload/{resident}/plekken")
    expect(page.get_by_text("Vraagt minimaal 16 uur per week, de inwoner kan 12.").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "bezoeker")
def test_no_page_shows_english_or_code_words_in_the_browser(
    browser: Any, live_server: str, demo: dict[str, int], role: str | None
) -> None:
    """Item 8: the word list against what Chromium renders, every page of every role, on a phone."""
    context, page = _phone(browser)
    if role:
        _login(page, live_server, role)
    failures = []
    for path in PAGES[role]:
        page.goto(live_server + path.format(**demo))
        found = problems(page.inner_text("body"))
        if found:
            failures.append(f"{path}: {found}")
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            failures.append(f"{path}: breder dan {PHONE['width']} px")
    context.close()
    assert not failures, "\n".join(failures)


def test_forgot_password_tiles_and_the_second_factor_column(
    browser: Any, live_server: str, demo: dict[str, int]
) -> None:
    """Item 9: the reset link from the login page; no tile breaks a word at 1366 px; the 2FA column."""
    context, page = _phone(browser)
    page.goto(f"{live_server}/inloggen")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.get_by_label("E-mailadres").fill("niemand@voorbeeld.nl")
    page.get_by_role("button", name="Stuur mij een link").click()
    page.wait_for_load_state()
    focused = page.evaluate(_FOCUSED)
    assert focused["visible"] and "Als er een account bij dit e-mailadres hoort" in focused["text"], focused
    context.close()

    wide = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 768})
    page = wide.new_page()
    for role in ("consultant", "adviser"):
        _login(page, live_server, role)
        broken = page.eval_on_selector_all(
            ".counts a > span:last-child",
            """spans => spans.flatMap(span => {
                const words = [];
                const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const re = /\\S+/g; let m;
                  while ((m = re.exec(node.data))) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
                    if (lines.size > 1) words.push(m[0]);
                  }
                }
                return words;
            })""",
        )
        assert broken == [], (role, broken)
        page.get_by_role("button", name="Uitloggen").click()
    _login(page, live_server, "admin")
    page.goto(f"{live_server}/beheer/gebruikers")
    expect(page.get_by_role("columnheader", name="Tweestapsverificatie")).to_be_visible()
    wide.close()
