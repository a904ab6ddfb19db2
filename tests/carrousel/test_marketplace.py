"""Organisations and placements: registration, approval, posting, locking, catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import func
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import Organisation, Placement, User
from tests.conftest import Client, bearer

REGISTRATION = {
    "kind": "employer",
    "name": "Bakkerij Het Zoete Leven",
    "postcode": "6702 ab",
    "sector": "Detailhandel",
    "contact_email": "info@zoet.nl",
    "user_name": "Jan Bakker",
    "user_email": "jan@zoet.nl",
    "password": "heel-geheim-wachtwoord",
}


def _count(app: Flask, model: type, *where: object) -> int:
    with app.app_context(), unit_of_work(app) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_self_registration_approval_and_posting_for_another_employer(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    # An employer registers itself: pending, with its first user.
    assert client.submit("/aanmelden", REGISTRATION).status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        org = session.exec(select(Organisation).where(Organisation.name == "Bakkerij Het Zoete Leven")).one()
        user = session.exec(select(User).where(User.email == "jan@zoet.nl")).one()
        assert (org.status, org.postcode, user.role, user.organisation_id) == ("pending", "6702AB", "employer", org.id)
    # It may save a draft but not open a placement yet.
    employer = app.test_client()
    employer.__class__ = Client
    employer.login("jan@zoet.nl", "heel-geheim-wachtwoord")  # type: ignore[attr-defined]
    refused = employer.submit(
        "/werkplekken/nieuw",
        {
            "title": "Bakkershulp",
            "type": "regulier",
            "postcode": "6702AB",  # type: ignore[attr-defined]
            "status": "open",
        },
    )
    assert refused.status_code == 422 and "goedgekeurd" in refused.get_data(as_text=True)
    # The adviser approves it, then posts a placement for another employer.
    adviser = make_user("adviser")
    token = token_for(adviser)
    assert client.post(f"/api/v1/organisations/{org.id}/approve", headers=bearer(token)).status_code == 200
    other = make_organisation(name="Logistiek Ede")
    posted = client.post(
        "/api/v1/placements",
        headers=bearer(token),
        json={
            "organisation_id": other,
            "title": "Orderpicker",
            "type": "regulier",
            "postcode": "6716 AA",
            "status": "open",
            "occupation": "orderpicker magazijn",
        },
    )
    assert posted.status_code == 201, posted.get_json()
    body = posted.get_json()
    assert body["posted_by_id"] == adviser.id and body["organisation_name"] == "Logistiek Ede"
    client.login(adviser.email)
    assert "Geplaatst door" in client.get(f"/werkplekken/{body['id']}").get_data(as_text=True)
    # Now the approved employer may open its own placement, and both are listed.
    assert (
        employer.submit(
            "/werkplekken/nieuw",
            {
                "title": "Bakkershulp",
                "type": "vrijwilligerswerk",  # type: ignore[attr-defined]
                "postcode": "6702AB",
                "status": "open",
            },
        ).status_code
        == 302
    )
    titles = [p["title"] for p in client.get("/api/v1/placements", headers=bearer(token)).get_json()["items"]]
    assert sorted(titles) == ["Bakkershulp", "Orderpicker"]
    own = employer.get("/werkplekken").get_data(as_text=True)
    assert "Bakkershulp" in own and "Orderpicker" not in own
    catalogue = client.get("/plekken").get_data(as_text=True)
    assert "Bakkershulp" in catalogue and "Orderpicker" not in catalogue  # a job is not in the catalogue


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("postcode", "12345"),
        ("contact_email", "geen-adres"),
        ("name", "X"),
        ("kind", "bank"),
        ("password", "kort"),
    ],
)
def test_registration_names_each_bad_field_and_writes_nothing(
    app: Flask, client: Client, field: str, value: str
) -> None:
    response = client.submit("/aanmelden", {**REGISTRATION, field: value})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert _count(app, Organisation) == 0 and _count(app, User) == 0


def test_registration_with_a_taken_email_writes_nothing_and_answers_like_a_new_one(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    # The public form must not tell which addresses have an account (issue 11, item 7).
    other = {**REGISTRATION, "name": "Bakkerij De Korst", "user_email": "piet@korst.nl"}
    fresh = client.submit("/aanmelden", other, follow_redirects=True)
    make_user("consultant", email="jan@zoet.nl")
    taken = client.submit("/aanmelden", REGISTRATION, follow_redirects=True)

    def flashed(response: object) -> list[str]:
        return re.findall(r'<p class="flash[^"]*">([^<]*)</p>', response.get_data(as_text=True))  # type: ignore[attr-defined]

    assert taken.status_code == fresh.status_code == 200
    assert flashed(taken) == flashed(fresh) and flashed(taken)
    assert _count(app, Organisation, Organisation.name == REGISTRATION["name"]) == 0
    assert _count(app, User, User.email == "jan@zoet.nl", User.role == "employer") == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"type": "baan"}, "type"),
        ({"routes": ["snel", "altijd"]}, "routes"),
        ({"max_abc": "G9"}, "max_abc"),
        ({"min_hours": -1}, "min_hours"),
        ({"min_hours": 30, "max_hours": 10}, "max_hours"),
        ({"postcode": "ABCD"}, "postcode"),
        ({"capacity": 0}, "capacity"),
        ({"status": "weg"}, "status"),
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date"),
        ({"supports": ["massage"]}, "supports"),
        ({"title": ""}, "title"),
        ({"onbekend": 1}, "onbekend"),
        ({"language_level": "Z9"}, "language_level"),
        ({"organisation_id": None}, "organisation_id"),
    ],
)
def test_placement_api_answers_422_with_the_field_named(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
    payload: dict,
    field: str,
) -> None:
    token = token_for(make_user("adviser"))
    base = {"organisation_id": make_organisation(), "title": "Plek", "type": "regulier", "postcode": "6701AB"}
    response = client.post("/api/v1/placements", headers=bearer(token), json={**base, **payload})
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert _count(app, Placement) == 0


def test_defaults_per_type_come_from_the_configuration_and_stay_editable(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    token = token_for(make_user("adviser"))
    org = make_organisation()
    default = client.post(
        "/api/v1/placements",
        headers=bearer(token),
        json={"organisation_id": org, "title": "Vrijwilliger", "type": "vrijwilligerswerk", "postcode": "6701"},
    ).get_json()
    assert (default["routes"], default["max_abc"]) == (["meedoen", "ontwikkeling"], "G7")
    chosen = client.post(
        "/api/v1/placements",
        headers=bearer(token),
        json={
            "organisation_id": org,
            "title": "Baan",
            "type": "regulier",
            "postcode": "6701",
            "routes": ["ontwikkeling"],
            "max_abc": "G3",
        },
    ).get_json()
    assert (chosen["routes"], chosen["max_abc"]) == (["ontwikkeling"], "G3")


@pytest.mark.parametrize(
    ("text", "kansrijk", "normalised"),
    [
        ("Heftruckchauffeur", True, "Heftruckchauffeurs"),
        ("schoonmaker", True, "Schoonmakers"),
        ("kassa medewerker", True, "Kassamedewerkers"),
        ("Astronaut", False, "Astronaut"),
    ],
)
def test_free_text_occupation_is_normalised_or_kept_and_marked(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
    text: str,
    kansrijk: bool,
    normalised: str,
) -> None:
    token = token_for(make_user("adviser"))
    body = client.post(
        "/api/v1/placements",
        headers=bearer(token),
        json={
            "organisation_id": make_organisation(),
            "title": "Plek",
            "type": "regulier",
            "postcode": "6701",
            "occupation": text,
        },
    ).get_json()
    assert (body["occupation"], body["kansrijk"]) == (normalised, kansrijk)


def test_occupation_search_tolerates_typos_and_word_order(client: Client) -> None:
    for query, expected in (
        ("heftruk", "Heftruckchauffeurs"),
        ("medewerkers kassa", "Kassamedewerkers"),
        ("verzorgende ig", "Verzorgenden IG"),
    ):
        items = client.get(f"/api/v1/occupations?q={query}").get_json()["items"]
        assert items and items[0]["name"] == expected, (query, items[:3])


def test_a_proefplaatsing_offer_has_a_free_end_date(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    token = token_for(make_user("adviser"))
    org = make_organisation()
    base = {"organisation_id": org, "title": "Proef", "type": "proefplaatsing", "postcode": "6701"}
    # The time limits bind each resident's trial (tests/carrousel/test_case_places.py), never the offer.
    open_ended = client.post(
        "/api/v1/placements", headers=bearer(token), json={**base, "start_date": "2026-01-31"}
    ).get_json()
    assert open_ended["end_date"] is None
    long = client.post(
        "/api/v1/placements", headers=bearer(token), json={**base, "start_date": "2026-01-01", "end_date": "2027-08-01"}
    )
    assert long.status_code == 201 and long.get_json()["end_date"] == "2027-08-01"
    backwards = client.post(
        "/api/v1/placements", headers=bearer(token), json={**base, "start_date": "2026-01-01", "end_date": "2025-08-01"}
    )
    assert backwards.status_code == 422 and "end_date" in backwards.get_json()["error"]["fields"]


def test_two_advisers_editing_one_placement_lose_nothing(
    client: Client, make_user: Callable[..., Account], make_placement: Callable[..., int], token_for: Callable[..., str]
) -> None:
    placement = make_placement(title="Oud")
    first, second = token_for(make_user("adviser")), token_for(make_user("adviser"))
    version = client.get(f"/api/v1/placements/{placement}", headers=bearer(first)).get_json()["version"]
    saved = client.patch(
        f"/api/v1/placements/{placement}", headers=bearer(first), json={"version": version, "title": "Eerste wijziging"}
    )
    assert saved.status_code == 200 and saved.get_json()["version"] == version + 1
    stale = client.patch(
        f"/api/v1/placements/{placement}",
        headers=bearer(second),
        json={"version": version, "description": "Tweede wijziging"},
    )
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "conflict"
    current = client.get(f"/api/v1/placements/{placement}", headers=bearer(second)).get_json()
    assert (current["title"], current["description"]) == ("Eerste wijziging", "")


def test_stale_edit_in_the_page_keeps_what_the_user_typed(
    client: Client, make_user: Callable[..., Account], make_placement: Callable[..., int], token_for: Callable[..., str]
) -> None:
    placement = make_placement(title="Oud")
    adviser = make_user("adviser")
    client.patch(f"/api/v1/placements/{placement}", headers=bearer(token_for(adviser)), json={"title": "Nieuwer"})
    client.login(adviser.email)
    response = client.submit(
        f"/werkplekken/{placement}",
        {"version": "1", "title": "Mijn tekst", "type": "regulier", "postcode": "6701AB", "status": "open"},
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Mijn tekst" in page and "intussen gewijzigd" in page


def test_organisation_users_see_and_change_only_their_own(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    mine, theirs = make_organisation(), make_organisation()
    own_placement, other_placement = make_placement(mine), make_placement(theirs)
    token = token_for(make_user("employer", organisation_id=mine))
    assert client.get(f"/api/v1/placements/{own_placement}", headers=bearer(token)).status_code == 200
    assert client.get(f"/api/v1/placements/{other_placement}", headers=bearer(token)).status_code == 404
    assert (
        client.patch(
            f"/api/v1/placements/{other_placement}", headers=bearer(token), json={"title": "Gekaapt"}
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/organisations/{theirs}", headers=bearer(token)).status_code == 404
    listed = client.get("/api/v1/placements", headers=bearer(token)).get_json()
    assert [p["id"] for p in listed["items"]] == [own_placement]


def test_adviser_is_warned_about_a_likely_duplicate(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    make_organisation(name="Zorggroep Rijnvallei", postcode="6703CD")
    token = token_for(make_user("adviser"))
    payload = {"kind": "employer", "name": "Zorggroep Rijn Vallei", "postcode": "6703 AA", "contact_email": "a@b.nl"}
    warned = client.post("/api/v1/organisations", headers=bearer(token), json=payload)
    assert warned.status_code == 409 and "Zorggroep Rijnvallei" in warned.get_json()["error"]["message"]
    confirmed = client.post("/api/v1/organisations?confirm_duplicate=true", headers=bearer(token), json=payload)
    assert confirmed.status_code == 201 and confirmed.get_json()["status"] == "approved"


def test_reject_needs_a_reason_and_deactivation_withdraws_placements(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    token = token_for(make_user("adviser"))
    pending = make_organisation(status="pending")
    assert client.post(f"/api/v1/organisations/{pending}/reject", headers=bearer(token), json={}).status_code == 422
    rejected = client.post(
        f"/api/v1/organisations/{pending}/reject", headers=bearer(token), json={"reason": "Geen KvK"}
    )
    assert rejected.get_json()["status"] == "rejected" and rejected.get_json()["status_reason"] == "Geen KvK"
    location = make_organisation(kind="location")
    make_placement(location, type="activerend_werk", title="Tuinieren")
    assert "Tuinieren" in client.get("/plekken").get_data(as_text=True)
    client.post(f"/api/v1/organisations/{location}/deactivate", headers=bearer(token))
    assert "Tuinieren" not in client.get("/plekken").get_data(as_text=True)


def test_catalogue_filters_on_distance_hours_and_drops_expired_places(
    client: Client, make_organisation: Callable[..., int], make_placement: Callable[..., int]
) -> None:
    location = make_organisation(kind="location", sector="Welzijn")
    make_placement(location, type="vrijwilligerswerk", title="Dichtbij", postcode="6701AB", min_hours=4)
    make_placement(location, type="activerend_werk", title="Ver weg", postcode="3861AB", min_hours=4)
    make_placement(location, type="vrijwilligerswerk", title="Lange dagen", postcode="6701AB", min_hours=30)
    make_placement(
        location,
        type="vrijwilligerswerk",
        title="Verlopen",
        postcode="6701AB",
        start_date=date.today() - timedelta(days=60),
        end_date=date.today() - timedelta(days=1),
    )
    page = client.get("/plekken?postcode=6701AB&afstand=10&uren=8").get_data(as_text=True)
    assert "Dichtbij" in page
    for gone in ("Ver weg", "Lange dagen", "Verlopen"):
        assert gone not in page
    sorted_page = client.get("/plekken?postcode=3861AB").get_data(as_text=True)
    assert sorted_page.index("Ver weg") < sorted_page.index("Dichtbij")
    assert "km" in sorted_page
    bad = client.get("/plekken?postcode=xx").get_data(as_text=True)
    assert "Vul een Nederlandse postcode in" in bad


def test_organisation_edit_keeps_its_placements_and_typed_text_on_error(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    org = make_organisation(name="Werkgever Een")
    make_placement(org, title="Zichtbare plek")
    adviser = make_user("adviser")
    client.login(adviser.email)
    bad = client.submit(
        f"/organisaties/{org}", {"version": "1", "name": "Nieuwe Naam", "postcode": "fout", "contact_email": "a@b.nl"}
    )
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Zichtbare plek" in page and "Nieuwe Naam" in page
    client.patch(f"/api/v1/organisations/{org}", headers=bearer(token_for(adviser)), json={"sector": "Bouw"})
    stale = client.submit(
        f"/organisaties/{org}", {"version": "1", "name": "Mijn Naam", "postcode": "6701AB", "contact_email": "a@b.nl"}
    )
    assert stale.status_code == 409 and "Mijn Naam" in stale.get_data(as_text=True)
