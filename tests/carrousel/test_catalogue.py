"""The public catalogue: only places with a free place, honest about filters it could not
apply, a page per place, and interest messages that reach only the place's organisation
(issue 10 item 9, issue 12 catalogue edges)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import InterestMessage, Placement, Proposal, utcnow
from tests.conftest import Client


@pytest.fixture
def location(make_organisation: Callable[..., int]) -> int:
    return make_organisation(
        kind="location", name="Buurthuis De Linde", sector="Welzijn", contact_email="info@linde.nl"
    )


@pytest.fixture
def occupy(app: Flask, make_user: Callable[..., Account], make_resident: Callable[..., int]) -> Callable[[int], None]:
    """One more resident takes a place on the placement (a started proposal: an occupied place)."""
    consultant = make_user("consultant")

    def take(placement_id: int) -> None:
        resident_id = make_resident(consultant)
        with app.app_context(), unit_of_work(app) as session:
            placement = session.get(Placement, placement_id)
            assert placement is not None
            session.add(  # a started proposal holds the place
                Proposal(
                    resident_id=resident_id,
                    placement_id=placement_id,
                    organisation_id=placement.organisation_id,
                    status="started",
                    started_on=date.today(),
                )
            )
            placement.updated_at = utcnow()

    return take


def _messages(app: Flask) -> list[InterestMessage]:
    with app.app_context(), unit_of_work(app) as session:
        return list(session.exec(select(InterestMessage)).all())


def test_a_place_without_a_free_place_is_not_listed_and_has_no_page(
    client: Client, location: int, make_placement: Callable[..., int], occupy: Callable[[int], None]
) -> None:
    last = make_placement(location, type="vrijwilligerswerk", title="Laatste plek", capacity=2)
    full = make_placement(location, type="vrijwilligerswerk", title="Volle plek", capacity=1)
    occupy(last)
    occupy(full)

    listed = client.get("/plekken").get_data(as_text=True)

    assert "Laatste plek" in listed and "Volle plek" not in listed
    assert "Nog 1 plek vrij" in client.get(f"/plekken/{last}").get_data(as_text=True)
    assert client.get(f"/plekken/{full}").status_code == 404
    occupy(last)
    assert "Laatste plek" not in client.get("/plekken").get_data(as_text=True)


def test_an_unknown_postcode_is_said_and_the_distance_filter_is_not_applied(
    client: Client, location: int, make_placement: Callable[..., int]
) -> None:
    make_placement(location, type="vrijwilligerswerk", title="Ver weg", postcode="3861AB")

    response = client.get("/plekken?postcode=1009ZZ&afstand=5")  # 1009: post boxes only, no area in GeoNames
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "We kennen postcode 1009 niet" in page and "er is niet op afstand gezocht" in page
    assert "Ver weg" in page and " km" not in page
    assert "niet op afstand gezocht" not in client.get("/plekken?postcode=1009ZZ").get_data(as_text=True)


def test_a_distance_without_a_postcode_is_said_and_not_applied(
    client: Client, location: int, make_placement: Callable[..., int]
) -> None:
    make_placement(location, type="vrijwilligerswerk", title="Ver weg", postcode="3861AB")

    page = client.get("/plekken?afstand=1").get_data(as_text=True)

    assert "Vul je postcode in om op afstand te zoeken" in page and "Ver weg" in page


def test_an_invalid_postcode_keeps_what_was_typed_and_names_the_field(
    client: Client, location: int, make_placement: Callable[..., int]
) -> None:
    make_placement(location, type="vrijwilligerswerk", title="Gewoon een plek")

    response = client.get("/plekken?postcode=67O1+AB&afstand=5&uren=veel")
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert 'value="67O1 AB"' in page and 'value="veel"' in page and 'value="5"' in page
    assert 'id="postcode-error"' in page and "Vul een Nederlandse postcode in" in page
    assert 'id="uren-error"' in page
    assert "Gewoon een plek" in page  # the rest of the search still answers


def test_the_distance_filter_holds_at_its_boundary(
    client: Client, location: int, make_placement: Callable[..., int]
) -> None:
    make_placement(location, type="vrijwilligerswerk", title="Verderop", postcode="3861AB")
    shown = re.search(r"(\d+),(\d) km", client.get("/plekken?postcode=6701AB").get_data(as_text=True))
    assert shown, "the distance is shown"
    km = int(shown.group(1)) + (1 if shown.group(2) != "0" else 0)  # the first whole km at or beyond it

    assert "Verderop" in client.get(f"/plekken?postcode=6701AB&afstand={km}").get_data(as_text=True)
    assert "Verderop" not in client.get(f"/plekken?postcode=6701AB&afstand={km - 1}").get_data(as_text=True)


def test_a_place_page_says_what_the_work_is_and_how_to_reach_the_location(
    client: Client, location: int, make_placement: Callable[..., int]
) -> None:
    placement = make_placement(
        location,
        type="activerend_werk",
        title="Gastheer in de huiskamer",
        description="Koffie schenken en een praatje maken met bezoekers.",
        min_hours=4,
        max_hours=12,
        supports=["jobcoach"],
    )

    page = client.get(f"/plekken/{placement}").get_data(as_text=True)

    assert "Koffie schenken en een praatje maken" in page and "4 tot 12 uur per week" in page
    assert 'href="mailto:info@linde.nl' in page and "Ik geef toestemming" in page
    assert f'href="/plekken/{placement}"' in client.get("/plekken").get_data(as_text=True)


def _send(client: Client, placement: int, **fields: Any) -> Any:
    data = {"name": "Sam de Wit", "contact": "sam@voorbeeld.nl", "message": "Ik kan op dinsdag.", "consent": "1"}
    data.update(fields)
    return client.submit(f"/plekken/{placement}", {k: v for k, v in data.items() if v is not None})


def test_interest_reaches_the_place_s_organisation_and_no_one_else(
    client: Client,
    app: Flask,
    location: int,
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_user: Callable[..., Account],
) -> None:
    placement = make_placement(location, type="vrijwilligerswerk", title="Koken voor de buurt")
    reader = make_user("location", organisation_id=location)
    other = make_user("location", organisation_id=make_organisation(kind="location"))

    sent = _send(client, placement, contact="06 12 34 56 78")

    assert sent.status_code == 302
    assert "Je bericht is verstuurd" in client.get(sent.headers["Location"]).get_data(as_text=True)
    client.login(reader.email)
    inbox = client.get("/interesse").get_data(as_text=True)
    assert "Sam de Wit" in inbox and "06 12 34 56 78" in inbox and "Ik kan op dinsdag." in inbox
    assert "Koken voor de buurt" in inbox and "Ik geef toestemming" in inbox
    assert ">1</span> <span>bericht van iemand met interesse in een plek" in client.get("/").get_data(as_text=True)
    message_id = _messages(app)[0].id
    client.login(other.email)
    assert "Sam de Wit" not in client.get("/interesse").get_data(as_text=True)
    assert client.submit(f"/interesse/{message_id}/verwijderen").status_code == 404
    client.login(reader.email)
    assert client.submit(f"/interesse/{message_id}/verwijderen").status_code == 302
    assert _messages(app) == [] and "Sam de Wit" not in client.get("/interesse").get_data(as_text=True)
    assert "interesse in een plek" not in client.get("/").get_data(as_text=True)  # no count when there is nothing


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"consent": None}, "consent", "Geef toestemming"),
        ({"contact": "sam at voorbeeld"}, "contact", "Vul een e-mailadres of telefoonnummer in"),
        ({"contact": "06 1234 567"}, "contact", "Vul een e-mailadres of telefoonnummer in"),  # 9 digits
        ({"name": ""}, "name", "Vul je naam in"),
        ({"contact": ""}, "contact", "Vul je e-mailadres of telefoonnummer in, zodat"),
        ({"message": "x" * 1001}, "message", "hoogstens 1000 tekens"),
    ],
)
def test_a_refused_interest_message_names_the_field_keeps_the_text_and_stores_nothing(
    client: Client,
    app: Flask,
    location: int,
    make_placement: Callable[..., int],
    fields: dict[str, Any],
    field: str,
    message: str,
) -> None:
    placement = make_placement(location, type="vrijwilligerswerk")

    response = _send(client, placement, **fields)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert f'id="{field}-error"' in page and message in page
    assert "Ik kan op dinsdag." in page or field == "message"
    assert _messages(app) == []


def test_interest_is_limited_per_hour_and_robots_are_ignored(
    client: Client, app: Flask, location: int, make_placement: Callable[..., int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["catalogue"], "interest_per_hour", 2)
    placement = make_placement(location, type="vrijwilligerswerk")
    assert _send(client, placement, website="http://spam.example").status_code == 302
    assert _messages(app) == []  # the hidden field was filled in: not stored

    assert _send(client, placement).status_code == 302
    assert _send(client, placement).status_code == 302
    refused = _send(client, placement, name="Derde Bericht")

    assert refused.status_code == 429
    assert "Probeer het over een uur opnieuw" in refused.get_data(as_text=True)
    assert 'value="Derde Bericht"' in refused.get_data(as_text=True)
    assert len(_messages(app)) == 2


def test_no_interest_for_a_place_that_is_not_in_the_catalogue(
    client: Client,
    app: Flask,
    location: int,
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    draft = make_placement(location, type="vrijwilligerswerk", status="draft")
    job = make_placement(make_organisation("employer"), type="regulier")  # paid work: an employer's

    assert _send(client, draft).status_code == 404
    assert _send(client, job).status_code == 404
    assert client.get(f"/plekken/{job}").status_code == 404
    assert _messages(app) == []
