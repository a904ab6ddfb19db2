"""Matching through the app at its edges: birth date and unknown hours on the resident, empty
records in the index, a new kansrijke-beroepen list, occupation suggestions, the index built
before traffic and 503 while it is not."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlmodel import Session

from carrousel.auth.account import Account
from carrousel.db import engine_of, unit_of_work
from carrousel.matches import index as index_module
from carrousel.models import PlacementCreate
from carrousel.placements.operations import create_placement
from carrousel.seeding import run_seed
from carrousel.seeding.occupations import load_occupations
from carrousel.server import prepare
from matching.engine import MatchingIndex
from matching.profiles import Weights
from tests.conftest import Client, bearer


@pytest.fixture
def consultant_token(make_user: Callable[..., Account], token_for: Callable[..., str]) -> tuple[Account, str]:
    consultant = make_user("consultant")
    return consultant, token_for(consultant)


def _resident(client: Client, token: str, **fields: object) -> dict:
    body = {"name": "Inwoner", "postcode": "6701AB", "route": "snel", **fields}
    response = client.post("/api/v1/residents", headers=bearer(token), json=body)
    return {"status": response.status_code, **response.get_json()}


def test_a_birth_date_sets_the_birth_year(client: Client, consultant_token: tuple[Account, str]) -> None:
    _, token = consultant_token
    created = _resident(client, token, birth_date="1999-11-24")
    assert created["status"] == 201
    assert (created["birth_date"], created["birth_year"]) == ("1999-11-24", 1999)
    changed = client.patch(
        f"/api/v1/residents/{created['id']}", headers=bearer(token), json={"birth_date": "2001-02-03"}
    ).get_json()
    assert (changed["birth_date"], changed["birth_year"]) == ("2001-02-03", 2001)


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({}, "birth_year"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "24-11-1999"}, "birth_date"),
        ({"birth_year": 1990, "hours_available": -1}, "hours_available"),
    ],
)
def test_bad_birth_date_or_hours_are_422_naming_the_field(
    client: Client, consultant_token: tuple[Account, str], fields: dict, bad: str
) -> None:
    _, token = consultant_token
    created = _resident(client, token, **fields)
    assert created["status"] == 422
    assert bad in created["error"]["fields"]


def test_a_birth_year_that_contradicts_the_stored_birth_date_is_refused(
    client: Client, consultant_token: tuple[Account, str]
) -> None:
    _, token = consultant_token
    created = _resident(client, token, birth_date="1999-11-24")
    response = client.patch(f"/api/v1/residents/{created['id']}", headers=bearer(token), json={"birth_year": 1980})
    assert response.status_code == 422
    assert "birth_year" in response.get_json()["error"]["fields"]


def test_unknown_hours_are_null_and_exclude_no_place(
    client: Client, consultant_token: tuple[Account, str], make_placement: Callable[..., int]
) -> None:
    _, token = consultant_token
    created = _resident(client, token, birth_year=1990)
    assert created["status"] == 201 and created["hours_available"] is None
    place = make_placement(title="Veel uren", min_hours=36, max_hours=40)
    body = client.get(f"/api/v1/residents/{created['id']}/matches", headers=bearer(token)).get_json()
    assert [item["placement_id"] for item in body["items"]] == [place]
    hours = next(r for r in body["items"][0]["reasons"] if r["factor"] == "uren")
    assert hours["text"] == "Beschikbare uren onbekend (neutraal gewogen)."
    known = client.patch(
        f"/api/v1/residents/{created['id']}", headers=bearer(token), json={"hours_available": 35}
    ).get_json()
    assert known["hours_available"] == 35
    body = client.get(f"/api/v1/residents/{created['id']}/matches", headers=bearer(token)).get_json()
    assert body["items"] == [] and body["excluded"]["by_reason"] == {"uren": 1}
    back = client.patch(
        f"/api/v1/residents/{created['id']}", headers=bearer(token), json={"hours_available": None}
    ).get_json()
    assert back["hours_available"] is None


def test_the_form_takes_a_birth_date_and_blank_hours(client: Client, make_user: Callable[..., Account]) -> None:
    consultant = make_user("consultant")
    client.login(consultant.email)
    response = client.submit(
        "/caseload/nieuw",
        {
            "name": "Formulier",
            "postcode": "6701AB",
            "birth_year": "",
            "birth_date": "2000-02-29",
            "hours_available": "",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "(geboren 29-02-2000)" in page and "Uren onbekend" in page


def test_the_participatieplaats_waits_for_the_27th_birthday(
    client: Client,
    consultant_token: tuple[Account, str],
    make_placement: Callable[..., int],
) -> None:
    _, token = consultant_token
    today = date.today()
    birthday = today.replace(year=today.year - 27) if not (today.month == 2 and today.day == 29) else today
    tomorrow_27 = date.fromordinal(birthday.toordinal() + 1)
    place = make_placement(type="participatieplaats", routes=["snel"], title="Participatieplaats")
    for born, expected in ((birthday, [place]), (tomorrow_27, [])):
        created = _resident(client, token, birth_date=born.isoformat())
        body = client.get(f"/api/v1/residents/{created['id']}/matches", headers=bearer(token)).get_json()
        assert [item["placement_id"] for item in body["items"]] == expected, born


def test_records_with_every_optional_field_empty_are_ranked(
    client: Client,
    consultant_token: tuple[Account, str],
    make_organisation: Callable[..., int],
    make_user: Callable[..., Account],
    token_for: Callable[..., str],
) -> None:
    _, token = consultant_token
    resident = _resident(client, token, birth_year=1990)
    adviser = token_for(make_user("adviser"))
    place = client.post(
        "/api/v1/placements",
        headers=bearer(adviser),
        json={"organisation_id": make_organisation(), "title": "Kaal", "type": "regulier", "postcode": "6701"},
    ).get_json()
    client.patch(
        f"/api/v1/placements/{place['id']}",
        headers=bearer(adviser),
        json={"status": "open", "version": place["version"]},
    )
    matches = client.get(f"/api/v1/residents/{resident['id']}/matches", headers=bearer(token))
    candidates = client.get(f"/api/v1/placements/{place['id']}/candidates", headers=bearer(adviser))
    assert matches.status_code == 200 and candidates.status_code == 200


def test_a_new_occupations_list_recomputes_kansrijk_and_the_index(
    app: Flask,
    client: Client,
    consultant_token: tuple[Account, str],
    make_placement: Callable[..., int],
    tmp_path: Path,
) -> None:
    _, token = consultant_token
    resident = _resident(client, token, birth_year=1990, wished_occupations=["dierverzorger"])
    dropped = make_placement(title="Ramen", occupation="Glazenwassers")
    added = make_placement(title="Dieren", occupation="dierverzorger")
    query = f"/api/v1/residents/{resident['id']}/matches?kansrijk=true"
    before = client.get(query, headers=bearer(token)).get_json()
    assert [item["placement_id"] for item in before["items"]] == [dropped]
    next_year = tmp_path / "kansrijk-2026-2027.csv"
    next_year.write_text(
        "code,beroep,sector,niveau\n1,Dierverzorgers,Landbouw,Basis\n2,Schoonmakers,Schoonmaak,Basis\n"
    )
    lines: list[str] = []
    try:
        run_seed(app, occupations_file=str(next_year), echo=lines.append)
        assert lines == ["2 kansrijke beroepen geladen.", "Bij 2 werkplekken is kansrijk opnieuw bepaald."]
        after = client.get(query, headers=bearer(token)).get_json()
        assert [item["placement_id"] for item in after["items"]] == [added]
        shown = client.get(f"/api/v1/placements/{added}", headers=bearer(token)).get_json()
        assert (shown["occupation"], shown["kansrijk"]) == ("Dierverzorgers", True)
        holder = app.extensions["carrousel.matching"]
        if holder.builder is not None:  # the new index, normalising against the new list, built aside
            holder.builder.join(timeout=30)
        client.get(query, headers=bearer(token))
        assert holder.index.occupations.id_of("dierverzorger") == holder.index.occupations.id_of("Dierverzorgers")
    finally:
        with app.app_context(), unit_of_work(app) as session:
            load_occupations(session)


TITLES = [
    ("verkoper", "Verkoopmedewerkers food"),
    ("tuin", "(Voorman) hoveniers, groenonderhoud"),
    ("tuinman", "(Voorman) hoveniers, groenonderhoud"),
    ("schoonmaker", "Schoonmakers"),
    ("caissière", "Kassamedewerkers"),
    ("kok", "Restaurantkoks"),
    ("keukenhulp", "Keukenassistenten"),
    ("magazijnmedewerker", "Magazijn-, expeditiemedewerkers en orderpickers"),
    ("orderpicker", "Magazijn-, expeditiemedewerkers en orderpickers"),
    ("chauffeur", "Vrachtwagenchauffeurs"),
    ("bezorger", "Bestelwagenchauffeurs en -bezorgers"),
    ("bakker", "Brood- en banketbakkers"),
    ("ober", "Medewerkers bediening horeca"),
    ("beveiliger", "Objectbeveiligers"),
    ("timmerman", "Timmerlieden (onderhoud en civiele bouw)"),
    ("elektricien", "Elektriciens, installateurs (incl. zonnepanelen en laadpalen)"),
    ("fietsenmaker", "Rijwielmonteurs"),
    ("verzorgende", "Verzorgenden IG"),
    ("pedagogisch medewerker", "(Pedagogisch) medewerkers kinderopvang"),
    ("klantenservice", "Medewerkers klantcontact, klantenservice"),
    ("programmeur", "Softwareontwikkelaars"),
    ("productiemedewerker", "Assemblagemedewerkers"),
]


@pytest.mark.parametrize(("title", "first"), TITLES)
def test_common_job_titles_suggest_their_list_entry_first(client: Client, title: str, first: str) -> None:
    items = client.get("/api/v1/occupations", query_string={"q": title}).get_json()["items"]
    assert items and items[0]["name"] == first, [i["name"] for i in items[:3]]


def test_verkoper_suggests_the_sales_entries_before_anything_else(client: Client) -> None:
    items = client.get("/api/v1/occupations", query_string={"q": "verkoper"}).get_json()["items"]
    assert [i["name"] for i in items[:3]] == [
        "Verkoopmedewerkers food",
        "Verkoopmedewerkers bouwmarkten",
        "Verkoopmedewerkers tankstation",
    ]


def test_a_typed_beginning_finds_the_job_title(client: Client) -> None:
    items = client.get("/api/v1/occupations", query_string={"q": "tuinm"}).get_json()["items"]
    assert items[0]["name"] == "(Voorman) hoveniers, groenonderhoud"


def test_a_free_job_title_on_a_placement_is_normalised_by_its_synonym(
    client: Client, make_placement: Callable[..., int], consultant_token: tuple[Account, str]
) -> None:
    _, token = consultant_token
    place = make_placement(occupation="Tuinman")
    shown = client.get(f"/api/v1/placements/{place}", headers=bearer(token)).get_json()
    assert (shown["occupation"], shown["kansrijk"]) == ("(Voorman) hoveniers, groenonderhoud", True)


def test_while_the_index_is_built_a_ranking_is_503_with_retry_after(
    app: Flask,
    client: Client,
    consultant_token: tuple[Account, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, token = consultant_token
    resident = _resident(client, token, birth_year=1990)
    release = threading.Event()
    real_build = index_module.build_index

    def slow_build(application: Flask) -> index_module.Built:
        release.wait(timeout=30)
        return real_build(application)

    monkeypatch.setattr(index_module, "build_index", slow_build)
    monkeypatch.setitem(app.config["CARROUSEL"]["matching"], "ready_wait_seconds", 0.05)
    waiting = client.get(f"/api/v1/residents/{resident['id']}/matches", headers=bearer(token))
    assert waiting.status_code == 503 and waiting.headers["Retry-After"] == "5"
    assert waiting.get_json()["error"]["code"] == "not_ready"
    release.set()
    app.extensions["carrousel.matching"].builder.join(timeout=30)
    assert client.get(f"/api/v1/residents/{resident['id']}/matches", headers=bearer(token)).status_code == 200


def test_serve_builds_the_index_before_the_first_request(
    app: Flask, client: Client, consultant_token: tuple[Account, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, token = consultant_token
    resident = _resident(client, token, birth_year=1990)
    prepare(app)
    holder = app.extensions["carrousel.matching"]
    assert holder.index is not None

    def no_build(_app: Flask) -> None:
        raise AssertionError("a request built the index")

    monkeypatch.setattr(index_module, "build_index", no_build)
    assert client.get(f"/api/v1/residents/{resident['id']}/matches", headers=bearer(token)).status_code == 200


def test_a_long_transaction_that_writes_then_ranks_finds_its_own_rows(
    app: Flask,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The demo seed writes placements and then asks the index, all in one transaction. The
    index is built on a connection of its own, which cannot see those uncommitted rows, and
    its first look for changes used to go back only OVERLAP before the build: under load the
    seed's early rows were older than that and missing ("placement 1 is not in the index").
    OVERLAP is set to nothing here so the test does not have to wait out five seconds."""
    adviser = make_user("adviser")
    organisation = make_organisation()
    monkeypatch.setattr(index_module, "OVERLAP", timedelta(0))
    app.extensions.pop("carrousel.matching", None)  # no index yet: the ranking builds one
    data = PlacementCreate(
        title="Inpakker", type="regulier", postcode="6701AB", status="open", routes=["snel"], max_abc="G7",
        organisation_id=organisation,
    )  # fmt: skip
    with app.app_context(), unit_of_work(app) as session:
        placement = create_placement(session, data=data, actor=adviser)
        session.flush()
        time.sleep(0.05)  # the build starts after the row was stamped
        index = index_module.current_index(app, session)
        ranking = index.rank_candidates(placement.id, weights=Weights(), today=date.today())  # type: ignore[arg-type]
        assert ranking.eligible == 0  # known to the index (an unknown placement raises KeyError)
        session.rollback()


def test_a_row_committed_after_another_process_looked_is_still_seen(
    app: Flask,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long import in one worker, a ranking in another meanwhile: the other worker's index
    looked after the rows were written but before they were committed. Its next look must
    still find them, so a row's change stamp is the moment of its commit (carrousel/stamps.py)."""
    adviser = make_user("adviser")
    organisation = make_organisation()
    monkeypatch.setattr(index_module, "OVERLAP", timedelta(0))  # the commit takes no time here
    app.extensions.pop("carrousel.matching", None)
    reader = engine_of(app).execution_options(carrousel_read_only=True)

    def look() -> MatchingIndex:  # another worker's request: a connection of its own
        with app.app_context(), Session(reader) as session:
            return index_module.current_index(app, session)

    look()
    data = PlacementCreate(
        title="Inpakker", type="regulier", postcode="6701AB", status="open", routes=["snel"], max_abc="G7",
        organisation_id=organisation,
    )  # fmt: skip
    with app.app_context(), unit_of_work(app) as session:
        placement = create_placement(session, data=data, actor=adviser)
        session.flush()
        written_at = placement.updated_at
        time.sleep(0.05)
        look()  # the row is written, not committed: this look cannot see it
        time.sleep(0.05)
    assert placement.updated_at > written_at  # stamped again at the commit, in memory as in the row
    ranking = look().rank_candidates(placement.id, weights=Weights(), today=date.today())  # type: ignore[arg-type]
    assert ranking.eligible == 0  # known to the index (an unknown placement raises KeyError)
