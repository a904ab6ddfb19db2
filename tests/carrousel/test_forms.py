"""Issue 10 items 1, 4 and 5: switching route, the placement form, error summaries."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.dates import add_months
from carrousel.db import unit_of_work
from carrousel.models import Organisation, Placement, PlacementCreate, Resident
from carrousel.placements.operations import create_placement
from carrousel.validation import InvalidInput
from tests.conftest import Client, bearer


def _resident(app: Flask, resident_id: int) -> Resident:
    with app.app_context(), unit_of_work(app) as session:
        resident = session.get(Resident, resident_id)
        assert resident is not None
        session.expunge(resident)
        return resident


def _placement(app: Flask, placement_id: int) -> Placement:
    with app.app_context(), unit_of_work(app) as session:
        placement = session.get(Placement, placement_id)
        assert placement is not None
        session.expunge(placement)
        return placement


def _edit_form(client: Client, url: str) -> dict[str, str]:
    """What the browser sends back for an unchanged form: every field with its current value."""
    page = client.get(url).get_data(as_text=True)
    form: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        if name != "csrf_token":
            form[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        form[name] = chosen.group(1) if chosen else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        form[name] = text
    return form


# --- item 1: switching route is one change; the snel term follows the route ---------------


def test_switching_from_snel_to_ontwikkeling_in_the_page_is_one_change(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel", snel_months=6)
    client.login(consultant.email)
    form = _edit_form(client, f"/caseload/{resident}/bewerken")
    assert form["snel_months"] == "6"  # the browser sends the term back as it stood
    response = client.submit(f"/caseload/{resident}/bewerken", {**form, "route": "ontwikkeling"})
    assert response.status_code == 302, response.get_data(as_text=True)
    switched = _resident(app, resident)
    assert (switched.route, switched.snel_extended) == ("ontwikkeling", False)
    assert switched.route_deadline == add_months(date.today(), 12)
    # And back: on snel the term is 3 months "in principe" unless 6 is chosen.
    form = _edit_form(client, f"/caseload/{resident}/bewerken")
    assert client.submit(f"/caseload/{resident}/bewerken", {**form, "route": "snel"}).status_code == 302
    back = _resident(app, resident)
    assert (back.route, back.snel_extended, back.route_deadline) == ("snel", False, add_months(date.today(), 3))


def test_the_api_clears_the_term_off_the_snel_route_and_defaults_it_on(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel", snel_months=6)
    token = token_for(consultant)
    url = f"/api/v1/residents/{resident}"
    moved = client.patch(url, headers=bearer(token), json={"route": "meedoen", "snel_months": 6})
    assert moved.status_code == 200 and moved.get_json()["snel_months"] is None
    back = client.patch(url, headers=bearer(token), json={"route": "snel"}).get_json()
    assert back["snel_months"] == 3 and back["deadline"] == add_months(date.today(), 3).isoformat()
    six = client.patch(url, headers=bearer(token), json={"snel_months": 6}).get_json()
    assert six["snel_months"] == 6 and six["deadline"] == add_months(date.today(), 6).isoformat()


def test_a_new_resident_on_snel_without_a_term_gets_three_months(
    client: Client, make_user: Callable[..., Account], token_for: Callable[..., str]
) -> None:
    token = token_for(make_user("consultant"))
    body = {"name": "Nieuw", "birth_year": 1990, "postcode": "6701AB", "route": "snel"}
    created = client.post("/api/v1/residents", headers=bearer(token), json=body).get_json()
    assert created["snel_months"] == 3
    other = client.post("/api/v1/residents", headers=bearer(token), json={**body, "route": "meedoen", "snel_months": 6})
    assert other.get_json()["snel_months"] is None


# --- item 4: the placement form ----------------------------------------------------------


def test_the_form_takes_postcode_and_sector_from_the_organisation_and_asks_draft_or_publish(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    org = make_organisation(postcode="3861AB", sector="Groen")
    client.login(make_user("employer", organisation_id=org).email)
    page = client.get("/werkplekken/nieuw").get_data(as_text=True)
    assert re.search(r'id="postcode"[^>]*value="3861AB"', page)
    assert re.search(r'id="sector"[^>]*value="Groen"', page)
    assert '<button type="submit" name="status" value="open">Publiceren</button>' in page
    assert 'value="draft"' in page and "Opslaan als concept" in page
    assert 'id="status"' not in page  # no status select that quietly defaults to Concept
    saved = client.submit(
        "/werkplekken/nieuw", {"title": "Proefplaats kas", "type": "proefplaatsing", "status": "open"}
    )
    assert saved.status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        placement = session.exec(select(Placement).where(Placement.title == "Proefplaats kas")).one()
        assert (placement.postcode, placement.sector, placement.phase, placement.status) == (
            "3861AB",
            "Groen",
            "proef",  # the type's phase, from the configuration
            "open",
        )


@pytest.mark.parametrize(
    ("placement_type", "phase"),
    [("proefplaatsing", "proef"), ("internship", "orientatie"), ("regulier", "duurzaam")],
)
def test_phase_defaults_per_type(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
    placement_type: str,
    phase: str,
) -> None:
    token = token_for(make_user("adviser"))
    body = {"organisation_id": make_organisation(), "title": "Plek", "type": placement_type}
    created = client.post("/api/v1/placements", headers=bearer(token), json=body).get_json()
    assert created["phase"] == phase
    chosen = client.post("/api/v1/placements", headers=bearer(token), json={**body, "phase": "ontwikkeling"})
    assert chosen.get_json()["phase"] == "ontwikkeling"


def test_a_placement_has_its_own_sector_defaulting_to_the_organisations(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    token = token_for(make_user("adviser"))
    location = make_organisation(kind="location", sector="Welzijn")
    body = {"organisation_id": location, "title": "Fietsen opknappen", "type": "activerend_werk"}
    default = client.post("/api/v1/placements", headers=bearer(token), json=body).get_json()
    own = client.post("/api/v1/placements", headers=bearer(token), json={**body, "sector": "Fietsen"}).get_json()
    assert (default["sector"], own["sector"]) == ("Welzijn", "Fietsen")
    changed = client.patch(f"/api/v1/placements/{default['id']}", headers=bearer(token), json={"sector": "Techniek"})
    assert changed.get_json()["sector"] == "Techniek"


def test_a_location_is_offered_unpaid_types_only_and_the_service_refuses_the_rest(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    location = make_organisation(kind="location")
    client.login(make_user("location", organisation_id=location).email)
    page = client.get("/werkplekken/nieuw").get_data(as_text=True)
    assert re.search(r'<option value="banenafspraak"[^>]*hidden disabled', page)
    assert re.search(r'<option value="activerend_werk">', page)
    refused = client.submit("/werkplekken/nieuw", {"title": "Baan", "type": "banenafspraak", "status": "draft"})
    assert refused.status_code == 422
    assert 'href="#type"' in refused.get_data(as_text=True)
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(Placement)).all() == []


def test_loonkostensubsidie_only_goes_with_paid_work(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    employer = make_organisation()
    token = token_for(make_user("adviser"))
    body = {"organisation_id": employer, "title": "Stage", "type": "internship", "supports": ["loonkostensubsidie"]}
    refused = client.post("/api/v1/placements", headers=bearer(token), json=body)
    assert refused.status_code == 422 and "supports" in refused.get_json()["error"]["fields"]
    paid = client.post("/api/v1/placements", headers=bearer(token), json={**body, "type": "regulier"})
    assert paid.status_code == 201
    # Changing a paid place into an unpaid one keeps the subsidy: refused too.
    to_unpaid = client.patch(
        f"/api/v1/placements/{paid.get_json()['id']}", headers=bearer(token), json={"type": "internship"}
    )
    assert to_unpaid.status_code == 422 and "supports" in to_unpaid.get_json()["error"]["fields"]


def test_the_service_names_every_unfit_field_at_once(
    app: Flask, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    adviser = make_user("adviser")
    location = make_organisation(kind="location", status="pending")
    with app.app_context(), unit_of_work(app) as session:
        data = PlacementCreate(organisation_id=location, title="Baan", type="regulier", status="open")
        with pytest.raises(InvalidInput) as refused:
            create_placement(session, data=data, actor=adviser)
    assert set(refused.value.fields) == {"type", "status"}
    with app.app_context(), unit_of_work(app) as session:
        data = PlacementCreate(
            organisation_id=location, title="Tuin", type="vrijwilligerswerk", supports=["loonkostensubsidie"]
        )
        with pytest.raises(InvalidInput) as refused:
            create_placement(session, data=data, actor=adviser)
    assert set(refused.value.fields) == {"supports"}


def test_the_proefplaatsing_hint_shows_for_that_type_only(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    org = make_organisation()
    trial = make_placement(org, type="proefplaatsing")
    job = make_placement(org, type="regulier")
    client.login(make_user("adviser").email)
    hint = r'<p class="hint" data-only-type="proefplaatsing"( hidden)?>'
    assert re.search(hint, client.get(f"/werkplekken/{trial}/bewerken").get_data(as_text=True)).group(1) is None  # type: ignore[union-attr]
    assert re.search(hint, client.get(f"/werkplekken/{job}/bewerken").get_data(as_text=True)).group(1) == " hidden"  # type: ignore[union-attr]
    assert re.search(hint, client.get("/werkplekken/nieuw").get_data(as_text=True)).group(1) == " hidden"  # type: ignore[union-attr]


def test_the_placement_page_shows_the_placement_with_an_edit_button(
    client: Client, make_user: Callable[..., Account], make_placement: Callable[..., int]
) -> None:
    placement = make_placement(title="Magazijn", skills=["heftruck", "plannen"], sector="Logistiek")
    client.login(make_user("adviser").email)
    page = client.get(f"/werkplekken/{placement}").get_data(as_text=True)
    assert "heftruck" in page and "plannen" in page and "Logistiek" in page
    assert "Periode" not in page and "– tot –" not in page  # no dates: no period
    assert (
        f'href="/werkplekken/{placement}/bewerken"' in page
        and "<form" not in page.split("<main")[1].split("</main>")[0]
    )
    edit = client.get(f"/werkplekken/{placement}/bewerken").get_data(as_text=True)
    assert 'value="Magazijn"' in edit and 'name="version"' in edit


def test_a_period_reads_as_dutch_when_dates_are_set(
    client: Client, make_user: Callable[..., Account], make_placement: Callable[..., int]
) -> None:
    placement = make_placement(start_date=date(2026, 12, 1))
    client.login(make_user("adviser").email)
    assert "Vanaf 1 december 2026" in client.get(f"/werkplekken/{placement}").get_data(as_text=True)


# --- item 5: error summaries name and link each field; emptied fields are refused ----------


def test_an_employer_who_empties_a_title_is_refused_and_the_summary_links_the_field(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    org = make_organisation()
    placement = make_placement(org, title="Bakkershulp")
    client.login(make_user("employer", organisation_id=org).email)
    form = _edit_form(client, f"/werkplekken/{placement}/bewerken")
    response = client.submit(f"/werkplekken/{placement}", {**form, "title": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "bijgewerkt" not in page
    assert '<a href="#title">Titel: Vul dit veld in.</a>' in page and 'id="title"' in page
    assert _placement(app, placement).title == "Bakkershulp"


def test_cross_field_errors_come_in_the_same_round_as_field_errors(
    client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    client.login(make_user("adviser").email)
    response = client.submit(
        "/werkplekken/nieuw",
        {
            "organisation_id": str(make_organisation()),
            "title": "",
            "type": "regulier",
            "min_hours": "30",
            "max_hours": "10",
            "start_date": "2026-12-01",
            "end_date": "2026-11-01",
            "status": "draft",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for anchor in ("#title", "#max_hours", "#end_date"):
        assert f'href="{anchor}"' in page
    assert "Controleer deze 3 velden" in page


@pytest.mark.parametrize(
    ("field", "label"),
    [("name", "Naam"), ("postcode", "Postcode"), ("contact_email", "E-mailadres voor contact")],
)
def test_organisation_edit_refuses_an_emptied_field(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    field: str,
    label: str,
) -> None:
    org = make_organisation(name="Kwekerij De Kas")
    client.login(make_user("employer", organisation_id=org).email)
    form = _edit_form(client, f"/organisaties/{org}")
    response = client.submit(f"/organisaties/{org}", {**form, field: ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and f'<a href="#{field}">{label}:' in page
    with app.app_context(), unit_of_work(app) as session:
        assert session.get(Organisation, org).name == "Kwekerij De Kas"  # type: ignore[union-attr]


def test_resident_edit_refuses_an_emptied_name_and_names_it(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, name="Fatima Yilmaz")
    client.login(consultant.email)
    form = _edit_form(client, f"/caseload/{resident}/bewerken")
    response = client.submit(f"/caseload/{resident}/bewerken", {**form, "name": "", "birth_year": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<a href="#name">Naam: Vul dit veld in.</a>' in page
    assert '<a href="#birth_year">Geboortejaar: Vul dit veld in.</a>' in page
    assert _resident(app, resident).name == "Fatima Yilmaz"


def test_the_user_form_names_each_bad_field(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("admin").email)
    response = client.submit("/beheer/gebruikers", {"email": "geen-adres", "role": "employer", "password": "kort"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for anchor, label in (("email", "E-mailadres"), ("organisation_id", "Organisatie"), ("password", "Wachtwoord")):
        assert f'<a href="#{anchor}">{label}:' in page and f'id="{anchor}"' in page
    assert "Dit veld is verplicht." not in page


def test_matching_reads_the_placements_own_sector(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, wished_sectors=["Fietsen"])
    welfare = make_organisation(kind="location", sector="Welzijn")
    bikes = make_placement(welfare, title="Fietsen opknappen", type="activerend_werk", sector="Fietsen")
    make_placement(welfare, title="Koffie schenken", type="activerend_werk")
    body = client.get(
        f"/api/v1/residents/{resident}/matches?limit=10", headers=bearer(token_for(consultant))
    ).get_json()
    wishes = {
        item["placement_id"]: next(r["text"] for r in item["reasons"] if r["factor"] == "wensen")
        for item in body["items"]
    }
    assert wishes[bikes] == "Sluit aan bij een gewenste sector."
    assert body["items"][0]["placement_id"] == bikes


def test_the_password_form_names_both_mistakes_at_once(client: Client, make_user: Callable[..., Account]) -> None:
    client.login(make_user("adviser").email)
    response = client.submit("/account/wachtwoord", {"current_password": "fout", "new_password": "kort"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<a href="#current_password">Huidig wachtwoord:' in page
    assert '<a href="#new_password">Nieuw wachtwoord:' in page
