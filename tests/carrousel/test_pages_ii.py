"""Issue 20 (Pages II): every form re-renders itself; no page shows a field's code name."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import Placement
from tests.carrousel.proposals_flow import propose, step
from tests.carrousel.visible import visible_text
from tests.conftest import Client, bearer


def test_an_evaluation_without_a_date_comes_back_with_the_note_kept(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="meedoen")
    client.login(consultant.email)
    answer = client.submit(f"/caseload/{resident}/evaluatie", {"note": "Wil graag vrijwilligerswerk"})
    html = answer.get_data(as_text=True)
    text = visible_text(html)
    assert answer.status_code == 422
    assert "Datum van de evaluatie: Dit veld is verplicht" in text
    assert 'value="Wil graag vrijwilligerswerk"' in html  # what was typed stays
    assert "on_date" not in text and "Inwoner Test" in text  # the resident's own page, not a bare one


def test_a_reassessment_and_an_activity_keep_what_was_typed(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    client.login(consultant.email)
    answer = client.submit(
        f"/caseload/{resident}/herbeoordeling", {"note": "Nog niet", "ontheffing_until": "2027-01-01"}
    )
    assert answer.status_code == 422
    assert 'value="2027-01-01"' in answer.get_data(as_text=True)
    assert "Datum van de herbeoordeling" in visible_text(answer.get_data(as_text=True))
    answer = client.submit(f"/caseload/{resident}/activiteiten", {"description": "Koor", "starts_on": "2026-01-01"})
    text = visible_text(answer.get_data(as_text=True))
    assert answer.status_code == 422 and "Soort:" in text and "kind" not in text.split()
    assert 'value="Koor"' in answer.get_data(as_text=True)


def test_hand_over_without_a_consultant_and_erasure_without_the_tick_explain_on_the_page(
    client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    client.login(consultant.email)
    answer = client.submit(f"/caseload/{resident}/overdragen", {"reason": "Verlof", "action": "overdragen"})
    assert answer.status_code == 422
    assert "Consulent: Kies een consulent." in visible_text(answer.get_data(as_text=True))
    assert 'value="Verlof"' in answer.get_data(as_text=True)
    answer = client.submit(f"/caseload/{resident}/wissen", {})
    assert answer.status_code == 422
    assert "Vink aan dat u de gegevens definitief wilt wissen." in visible_text(answer.get_data(as_text=True))


def test_a_rejection_without_a_reason_stays_on_the_organisation(
    client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    organisation = make_organisation(status="pending")
    client.login(make_user("adviser").email)
    answer = client.submit(f"/organisaties/{organisation}/besluit", {"besluit": "afwijzen", "reason": " "})
    text = visible_text(answer.get_data(as_text=True))
    assert answer.status_code == 422 and "Reden: Geef een reden op." in text and "Besluit" in text


def test_a_bare_error_page_names_fields_in_dutch(app: Flask) -> None:
    with app.test_request_context("/x"):
        from carrousel.errors import error_response

        body, status = error_response(422, None, {"on_date": "Dit veld is verplicht.", "outcome": "Kies."})
    assert status == 422 and "Datum: Dit veld is verplicht." in body and "Uitkomst: Kies." in body


def test_voorstellen_is_not_offered_where_a_proposal_already_runs(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, abc="G2")
    placement = make_placement(title="Magazijn", type="internship")
    client.login(consultant.email)
    form = f"/voorstellen/nieuw?inwoner={resident}&werkplek={placement}"
    assert "Motivatie" in client.get(form).get_data(as_text=True)
    made = client.submit("/voorstellen", {"resident_id": resident, "placement_id": placement, "motivation": "Past"})
    assert made.status_code == 302
    matches = visible_text(client.get(f"/caseload/{resident}/plekken").get_data(as_text=True))
    assert "Al voorgesteld" in matches
    candidates = visible_text(client.get(f"/werkplekken/{placement}/kandidaten").get_data(as_text=True))
    assert "Al voorgesteld" in candidates and "Voorstellen Inwoner Test" not in candidates
    again = client.get(form).get_data(as_text=True)
    assert "is al voorgesteld voor deze werkplek" in visible_text(again) and "Motivatie" not in again


def test_the_goals_page_has_one_figure_per_fact_and_charts_from_the_demo_history(
    client: Client, demo: dict[str, int]
) -> None:
    client.login("adviseur@demo.werkcarrousel.nl", "demo-werkcarrousel")
    html = client.get("/doelen").get_data(as_text=True)
    text = visible_text(html)
    assert html.count('class="chart"') == 4 and 'viewBox="0 0 640 240"' in html
    # Today's row in the history is the live count the targets are judged on: one figure.
    today_row = re.search(r"\(vandaag, stand nu\) (\d+) (\d+)", text)
    target_row = re.search(
        r"(\d+) van \d+(?: · gehaald)? locaties op \d+ \w+ \d{4} (\d+) van \d+(?: · gehaald)? stand van vandaag", text
    )
    assert today_row and target_row, text
    assert today_row.groups() == target_row.groups()


def test_with_fewer_than_three_days_the_goals_page_says_so_in_a_sentence(
    client: Client, make_user: Callable[..., Account]
) -> None:
    client.login(make_user("adviser").email)
    html = client.get("/doelen").get_data(as_text=True)
    assert 'class="chart"' not in html
    assert "Voor een grafiek zijn minstens 3 dagen nodig; er is er nu 1." in visible_text(html)


def test_each_party_reads_what_the_proposal_waits_for_and_declines_are_counted(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    organisation = make_organisation(name="Bakkerij Wacht")
    employer = make_user("employer", organisation_id=organisation)
    consultant = make_user("consultant")
    placements = [make_placement(organisation, title=f"Plek {n}", type="internship") for n in (1, 2)]
    resident = make_resident(consultant, abc="G2")
    ctoken, etoken = token_for(consultant), token_for(employer)
    first = propose(client, ctoken, resident, placements[0]).get_json()["id"]
    step(client, ctoken, first, "consented")
    second = propose(client, ctoken, resident, placements[1]).get_json()["id"]
    step(client, ctoken, second, "consented")
    assert step(client, etoken, second, "declined", reason="Geen begeleiding deze maand").status_code == 200

    client.login(consultant.email)
    page = visible_text(client.get(f"/voorstellen/{first}").get_data(as_text=True))
    assert "Wacht op de werkgever, sinds " in page and "Intrekken" in page
    home = visible_text(client.get("/").get_data(as_text=True))
    assert "1 voorstel afgewezen in de afgelopen 30 dagen" in home
    listed = visible_text(client.get("/voorstellen").get_data(as_text=True))
    assert "Afgewezen in de afgelopen 30 dagen (1)" in listed

    client.login(employer.email)
    assert "Wacht op u, sinds " in visible_text(client.get(f"/voorstellen/{first}").get_data(as_text=True))
    step(client, etoken, first, "introduced")
    page = visible_text(client.get(f"/voorstellen/{first}").get_data(as_text=True))
    assert "Nu wacht het voorstel op de start" in page and "Afwijzen" in page


def test_exclusion_numbers_reach_the_consultant_and_never_the_employer(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    organisation = make_organisation(name="Drukkerij Uren")
    employer = make_user("employer", organisation_id=organisation)
    consultant = make_user("consultant")
    placement = make_placement(organisation, title="Drukker", min_hours=16, max_hours=32)
    resident = make_resident(consultant, abc="G2", hours_available=12)
    client.login(consultant.email)
    mine = visible_text(client.get(f"/caseload/{resident}/plekken").get_data(as_text=True))
    assert "Vraagt minimaal 16 uur per week, de inwoner kan 12." in mine

    client.login(employer.email)
    page = client.get(f"/werkplekken/{placement}/kandidaten").get_data(as_text=True)
    api = client.get(f"/api/v1/placements/{placement}/matches", headers=bearer(token_for(employer)))
    for answer in (page, api.get_data(as_text=True)):
        assert "de inwoner kan" not in answer and "uur per week, de inwoner" not in answer
        assert not re.search(r"kan \d+\b", answer)


def test_the_employer_answers_in_plain_words_and_the_codes_follow(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
) -> None:
    organisation = make_organisation(name="Bakkerij Woorden")
    employer = make_user("employer", organisation_id=organisation)
    client.login(employer.email)
    form = visible_text(client.get("/werkplekken/nieuw").get_data(as_text=True))
    assert "Hoeveel begeleiding kunt u bieden?" in form and "Is deze plek een stap naar betaald werk?" in form
    assert "ABC" not in form and "Fase die de plek biedt" not in form and "Snel naar werk" not in form
    base = {"title": "Hulp in de bakkerij", "type": "internship", "postcode": "6701AB", "status": "draft"}
    refused = client.submit("/werkplekken/nieuw", {**base, "guidance": "veel", "title": "Hulp in de bakkerij"})
    text = visible_text(refused.get_data(as_text=True))
    assert refused.status_code == 422 and "Begeleiding: Kies hoeveel begeleiding u kunt bieden." in text
    assert 'value="Hulp in de bakkerij"' in refused.get_data(as_text=True)
    made = client.submit("/werkplekken/nieuw", {**base, "guidance": "dagelijks", "paid_work_step": "ja"})
    assert made.status_code == 302
    placement_id = int(made.headers["Location"].rsplit("/", 1)[1])
    with app.app_context(), unit_of_work(app) as session:
        placement = session.get(Placement, placement_id)
        assert placement is not None
        assert placement.max_abc == "G4" and sorted(placement.routes) == ["ontwikkeling", "snel"]
        assert placement.phase == "orientatie"  # from the type
    page = visible_text(client.get(f"/werkplekken/{placement_id}").get_data(as_text=True))
    assert "Dagelijks iemand die meekijkt en helpt" in page and "G4" not in page
    published = client.submit(f"/werkplekken/{placement_id}/publiceren", {"version": "1"}, follow_redirects=True)
    assert "is gepubliceerd: consulenten zien de plek nu" in visible_text(published.get_data(as_text=True))

    client.login(make_user("adviser").email)  # the adviser sees and may adjust the codes
    adviser_form = visible_text(client.get(f"/werkplekken/{placement_id}/bewerken").get_data(as_text=True))
    assert "Hoogste ABC-niveau dat de plek aankan" in adviser_form


def test_a_location_offers_its_own_professionals_and_g7_follows_for_activerend_werk(
    app: Flask, client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    organisation = make_organisation(kind="location", name="Buurthuis Woorden")
    client.login(make_user("location", organisation_id=organisation).email)
    made = client.submit(
        "/werkplekken/nieuw",
        {
            "title": "Koffie schenken",
            "type": "activerend_werk",
            "postcode": "6701AB",
            "status": "draft",
            "guidance": "eigen_professionals",
            "paid_work_step": "eerste_stap",
        },
    )
    assert made.status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        placement = session.get(Placement, int(made.headers["Location"].rsplit("/", 1)[1]))
        assert placement is not None and placement.max_abc == "G7" and "meedoen" in placement.routes
