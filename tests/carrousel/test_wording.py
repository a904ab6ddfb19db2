"""Issue 10 items 6 and 11: Dutch on screen (choices, numbers, plurals) and the small things."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from carrousel.auth.account import Account
from carrousel.wording import percent, plural
from tests.carrousel.test_marketplace import REGISTRATION
from tests.conftest import Client, bearer


@pytest.mark.parametrize(
    ("share", "text"), [(0.8333, "83,3%"), (0.5, "50%"), (0.35, "35%"), (0.0, "0%"), (1 / 3, "33,3%")]
)
def test_percentages_have_a_decimal_comma(share: float, text: str) -> None:
    assert percent(share) == text


@pytest.mark.parametrize(("count", "text"), [(0, "0 plekken"), (1, "1 plek"), (2, "2 plekken")])
def test_plurals_are_real_words(count: int, text: str) -> None:
    assert plural(count, "plek", "plekken") == text


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"snel_months": 4}, "snel_months", "Kies 3 maanden of 6 maanden."),
        ({"route": "langzaam"}, "route", "Kies Meedoen, Ontwikkeling naar werk of Snel naar werk."),
        ({"language_level": "Z9"}, "language_level", "Kies Geen eis, A1, A2, B1, B2 of C1."),
    ],
)
def test_choice_errors_are_dutch_sentences_with_the_labels(
    client: Client,
    make_user: Callable[..., Account],
    token_for: Callable[..., str],
    payload: dict,
    field: str,
    message: str,
) -> None:
    token = token_for(make_user("consultant"))
    body = {"name": "Nieuw", "birth_year": 1990, "postcode": "6701AB", **payload}
    response = client.post("/api/v1/residents", headers=bearer(token), json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"][field] == message


def test_an_abc_level_error_has_no_code_quotes(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    response = client.post(
        f"/api/v1/residents/{resident}/abc",
        headers=bearer(token_for(consultant)),
        json={"level": "G9", "measured_on": date.today().isoformat()},
    )
    message = response.get_json()["error"]["fields"]["level"]
    assert message == "Kies G1 (in balans), G2, G3, G4, G5, G6 of G7 (uit balans)."
    assert "'" not in message and " or " not in message


def test_goal_shares_read_with_a_decimal_comma(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    make_resident(consultant, route="snel")
    make_resident(consultant, route=None)
    make_resident(consultant, route=None)
    client.login(make_user("adviser").email)
    page = client.get("/doelen").get_data(as_text=True)
    assert "1 (33,3%)" in page and "33.3" not in page


def test_match_contributions_use_a_decimal_comma(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, abc="G3")
    make_placement()
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}/plekken").get_data(as_text=True)
    assert re.search(r"\(\+0,\d\d\)", page) and not re.search(r"\(\+\d\.\d\d\)", page)


# --- item 11 ---------------------------------------------------------------------------


def test_the_abc_date_defaults_to_today(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}").get_data(as_text=True)
    assert re.search(rf'id="measured_on"[^>]*value="{date.today().isoformat()}"', page)


def test_a_residents_language_level_is_not_a_requirement(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("consultant").email)
    page = client.get("/caseload/nieuw").get_data(as_text=True)
    assert "Geen / onbekend" in page and "Geen eis" not in page


def test_the_intake_is_not_dated_after_the_route_start(
    client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    token = token_for(make_user("consultant"))
    body = {"name": "Nieuw", "birth_year": 1990, "postcode": "6701AB", "route": "ontwikkeling"}
    created = client.post(
        "/api/v1/residents", headers=bearer(token), json={**body, "route_started_on": "2026-09-01"}
    ).get_json()
    events = client.get(f"/api/v1/residents/{created['id']}/timeline", headers=bearer(token)).get_json()["items"]
    intake = next(e for e in events if e["kind"] == "aangemaakt")
    assert intake["on_date"] <= "2026-09-01"


def test_one_word_for_the_term_on_the_consultants_pages(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    client.login(consultant.email)
    for url in ("/caseload", f"/caseload/{resident}"):
        page = client.get(url).get_data(as_text=True)
        assert "Termijn" in page and "Deadline" not in page


def test_the_approval_page_shows_who_registered_with_equal_buttons(
    client: Client, make_user: Callable[..., Account]
) -> None:
    assert client.submit("/aanmelden", REGISTRATION).status_code == 302
    client.login(make_user("adviser").email)
    listing = client.get("/organisaties?status=pending").get_data(as_text=True)
    org_url = re.search(r'href="(/organisaties/\d+)"', listing).group(1)  # type: ignore[union-attr]
    page = client.get(org_url).get_data(as_text=True)
    assert "Aangemeld door" in page and "Jan Bakker (jan@zoet.nl)" in page
    approve = re.search(r'<button type="submit" class="([^"]*)">Goedkeuren</button>', page)
    reject = re.search(r'<button type="submit" class="([^"]*)">Afwijzen</button>', page)
    assert approve and reject and "decision-button" in approve.group(1) and "decision-button" in reject.group(1)
    assert page.index("Goedkeuren") < page.index("Afwijzen")


def test_a_favicon_is_linked_and_served(client: Client) -> None:
    page = client.get("/inloggen").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    with client.get("/static/favicon.svg") as icon:  # closes the served file
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data


def test_the_count_of_fitting_places_is_grammatical(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    make_placement()
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}/plekken").get_data(as_text=True)
    assert "1 van 1 plek past." in page
