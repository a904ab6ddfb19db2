"""Benefit counselling through the API and the pages: scenarios, the parameter table, the paid-start gate."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import IncomeScenario, SettingChange
from tests.carrousel.proposals_flow import counsel, propose, step
from tests.conftest import Client, bearer

CONTRACT_KEYS = {
    "id",
    "without_work",
    "with_work",
    "benefit_left",
    "earnings_exemption",
    "exemption_until",
    "difference",
    "after_exemption",
    "lines",
    "parameters",
}


@pytest.fixture
def people(
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[[Account], str],
) -> dict[str, Any]:
    consultant, other, adviser = make_user("consultant"), make_user("consultant"), make_user("adviser")
    organisation = make_organisation(name="Bakkerij De Korenschoof")
    return {
        "consultant": consultant,
        "adviser": adviser,
        "token": token_for(consultant),
        "other_token": token_for(other),
        "adviser_token": token_for(adviser),
        "resident": make_resident(consultant, name="Sanne de Vries", birth_year=1984, abc="G2"),
        "paid": make_placement(organisation, title="Medewerker bakkerij", type="regulier", capacity=2),
        "unpaid": make_placement(organisation, title="Proefplaats bakkerij", type="proefplaatsing", capacity=2),
    }


def _post(client: Client, token: str, resident: int, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/residents/{resident}/income-scenarios", headers=bearer(token), json=body)


def test_a_scenario_answers_the_contract_with_the_periods_figures(client: Client, people: dict[str, Any]) -> None:
    body = {"household": "single", "net_monthly_wage": 800, "on": "2026-01-15", "discussed": ["reiskosten"]}
    answer = _post(client, people["token"], people["resident"], body)
    assert answer.status_code == 201, answer.get_json()
    data = answer.get_json()
    assert set(data) >= CONTRACT_KEYS
    # The shipped table from 1 January 2026: norm 1398.53, 25% of the wage, at most 269, 6 months.
    assert data["without_work"] == 1398.53 and data["earnings_exemption"] == 200.0
    assert data["benefit_left"] == 798.53 and data["with_work"] == 1598.53 and data["difference"] == 200.0
    assert data["exemption_until"] == "2026-07-14"
    assert data["after_exemption"] == {
        "from": "2026-07-15",
        "benefit_left": 598.53,
        "with_work": 1398.53,
        "difference": 0.0,
        "leaves_bijstand": False,
    }
    assert {"label": "Totaal met werk", "amount": 1598.53} in data["lines"]
    params = data["parameters"]
    assert params["period"] == "2026-01-01" and params["norm"] == 1398.53
    assert params["exemption_share"] == 0.25 and params["exemption_max"] == 269.0 and params["exemption_months"] == 6
    assert "norm_single" in params["unconfirmed"] and "Rijksoverheid" in params["sources"]["norm_single"]
    assert data["discussed"] == ["reiskosten"]
    listed = client.get(f"/api/v1/residents/{people['resident']}/income-scenarios", headers=bearer(people["token"]))
    assert listed.status_code == 200 and listed.get_json()["total"] == 1
    assert listed.get_json()["items"][0]["id"] == data["id"]


def test_a_wage_above_the_norm_leaves_the_bijstand_in_words(client: Client, people: dict[str, Any]) -> None:
    data = _post(client, people["token"], people["resident"], {"household": "couple", "net_monthly_wage": "2400,00"})
    assert data.status_code == 201
    body = data.get_json()
    assert body["benefit_left"] == 0 and body["with_work"] == 2400.0 and body["leaves_bijstand"] is True
    assert "uit de bijstand" in body["summary"]


def test_hours_and_gross_hourly_wage_give_an_approximate_net_wage(client: Client, people: dict[str, Any]) -> None:
    body = {"household": "single_parent", "hours_per_week": 20, "gross_hourly_wage": "15,00", "on": "2026-12-01"}
    data = _post(client, people["token"], people["resident"], body).get_json()
    assert data["net_monthly_wage"] == 1105.0  # 20 x 52 / 12 x 15.00 x 0.85
    assert data["gross_to_net_factor"] == 0.85 and data["parameters"]["period"] == "2026-07-01"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"household": "alone", "net_monthly_wage": 800}, "household"),
        ({"household": None, "net_monthly_wage": 800}, "household"),
        ({"net_monthly_wage": 800}, "household"),
        ({"household": "single", "net_monthly_wage": -1}, "net_monthly_wage"),
        ({"household": "single", "net_monthly_wage": "veel"}, "net_monthly_wage"),
        ({"household": "single", "net_monthly_wage": "NaN"}, "net_monthly_wage"),
        ({"household": "single", "net_monthly_wage": 1e12}, "net_monthly_wage"),
        ({"household": "single", "net_monthly_wage": True}, "net_monthly_wage"),
        ({"household": "single"}, "net_monthly_wage"),
        ({"household": "single", "net_monthly_wage": 800, "hours_per_week": 20}, "hours_per_week"),
        ({"household": "single", "hours_per_week": 20}, "gross_hourly_wage"),
        ({"household": "single", "gross_hourly_wage": 14}, "hours_per_week"),
        ({"household": "single", "hours_per_week": 0, "gross_hourly_wage": 14}, "hours_per_week"),
        ({"household": "single", "net_monthly_wage": 800, "on": "15-01-2026"}, "on"),
        ({"household": "single", "net_monthly_wage": 800, "discussed": ["vakantie"]}, "discussed"),
        ({"household": "single", "net_monthly_wage": 800, "extra": 1}, "extra"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(
    app: Flask, client: Client, people: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    answer = _post(client, people["token"], people["resident"], body)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["error"]["fields"]
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(IncomeScenario)).all() == []


def test_a_date_in_a_period_without_a_table_is_refused_not_guessed(client: Client, people: dict[str, Any]) -> None:
    answer = _post(
        client,
        people["token"],
        people["resident"],
        {"household": "single", "net_monthly_wage": 800, "on": "2024-03-01"},
    )
    assert answer.status_code == 422
    message = answer.get_json()["error"]["fields"]["on"]
    assert "1 maart 2024" in message and "1 januari 2024" in message and "geen bijstandsnormen" in message


def test_only_the_residents_consultants_see_or_make_scenarios(client: Client, people: dict[str, Any]) -> None:
    body = {"household": "single", "net_monthly_wage": 800}
    assert _post(client, people["other_token"], people["resident"], body).status_code == 404
    assert _post(client, people["adviser_token"], people["resident"], body).status_code == 403
    url = f"/api/v1/residents/{people['resident']}/income-scenarios"
    assert client.get(url, headers=bearer(people["other_token"])).status_code == 404
    assert client.post(url, headers=bearer(people["token"]), data="x").status_code == 400


def test_the_endpoints_are_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    operations = paths["/api/v1/residents/{resident_id}/income-scenarios"]
    assert {"get", "post"} <= set(operations)
    assert "201" in operations["post"]["responses"] and "422" in operations["post"]["responses"]


def _introduced(client: Client, people: dict[str, Any], placement: int) -> int:
    proposal: int = propose(client, people["token"], people["resident"], placement).get_json()["id"]
    assert step(client, people["token"], proposal, "consented").status_code == 200
    assert step(client, people["adviser_token"], proposal, "introduced").status_code == 200
    return proposal


def test_a_paid_start_needs_a_recent_scenario(client: Client, people: dict[str, Any]) -> None:
    # Dated from today: a step may not be dated before the step it follows (CONTRACT *The case over time*).
    start = date.today() + timedelta(days=1)
    proposal = _introduced(client, people, people["paid"])
    refused = step(client, people["token"], proposal, "started", on=start.isoformat())
    assert refused.status_code == 422
    assert "inkomensberekening" in refused.get_json()["error"]["fields"]["benefit_counselling"]
    too_old = (start - timedelta(days=91)).isoformat()
    counsel(client, people["token"], people["resident"], on=too_old)  # 91 days before the start: too old
    stale = step(client, people["token"], proposal, "started", on=start.isoformat())
    assert (
        stale.status_code == 422 and "langer dan 90 dagen" in stale.get_json()["error"]["fields"]["benefit_counselling"]
    )
    counsel(client, people["token"], people["resident"], on=(start - timedelta(days=90)).isoformat())  # exactly 90
    started = step(client, people["token"], proposal, "started", on=start.isoformat())
    assert started.status_code == 200 and started.get_json()["status"] == "started"


def test_an_unpaid_start_and_a_municipality_that_turned_the_gate_off_need_none(
    app: Flask,
    client: Client,
    people: dict[str, Any],
    make_resident: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proposal = _introduced(client, people, people["unpaid"])
    assert step(client, people["token"], proposal, "started").status_code == 200
    people["resident"] = make_resident(people["consultant"], name="Ahmed Bakker", birth_year=1979)
    monkeypatch.setitem(app.config["CARROUSEL"]["benefit_counselling"], "required", False)
    paid = _introduced(client, people, people["paid"])
    assert step(client, people["token"], paid, "started").status_code == 200


def test_the_gate_on_the_proposal_page_links_to_the_form(client: Client, people: dict[str, Any]) -> None:
    proposal = _introduced(client, people, people["paid"])
    client.login(people["consultant"].email)
    page = client.get(f"/voorstellen/{proposal}").get_data(as_text=True)
    form_link = f"/caseload/{people['resident']}/inkomen?voorstel={proposal}"
    assert form_link in page
    version = re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    refused = client.submit(f"/voorstellen/{proposal}/stap", {"to": "started", "version": version})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'href="#benefit_counselling"' in text and 'id="benefit_counselling"' in text
    assert "Inkomensgesprek" in text and form_link in text
    made = client.submit(
        f"/caseload/{people['resident']}/inkomen",
        {"household": "single", "net_monthly_wage": "950", "on": "", "voorstel": str(proposal)},
    )
    assert made.status_code == 422 and "Datum" in made.get_data(as_text=True)  # the date is required
    made = client.submit(
        f"/caseload/{people['resident']}/inkomen",
        {"household": "single", "net_monthly_wage": "950", "on": "2026-12-01", "voorstel": str(proposal)},
    )
    assert made.status_code == 302 and f"voorstel={proposal}" in made.headers["Location"]
    assert client.submit(f"/voorstellen/{proposal}/stap", {"to": "started", "version": version}).status_code == 302


def test_the_page_shows_the_answer_the_chart_the_marks_and_keeps_the_checklist(
    app: Flask, client: Client, people: dict[str, Any]
) -> None:
    client.login(people["consultant"].email)
    resident_page = client.get(f"/caseload/{people['resident']}").get_data(as_text=True)
    assert f"/caseload/{people['resident']}/inkomen" in resident_page
    empty = client.submit(f"/caseload/{people['resident']}/inkomen", {"household": "", "on": "2026-12-01"})
    text = empty.get_data(as_text=True)
    assert empty.status_code == 422 and 'class="error-summary"' in text and "Netto maandloon" in text
    made = client.submit(
        f"/caseload/{people['resident']}/inkomen",
        {"household": "single", "net_monthly_wage": "800", "on": "2026-01-15", "discussed": "toeslagen"},
    )
    assert made.status_code == 302
    page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert "€ 1.598,53" in page and "€ 798,53" in page and "tot en met 14 juli 2026" in page
    assert "<svg" in page and page.count('class="bar-wage"') == 6 and "niet bevestigd" in page
    assert "kostendelersnorm" in page and "artikel 31 lid 2 sub r" in page and "style=" not in page
    with app.app_context(), unit_of_work(app) as session:
        scenario = session.exec(select(IncomeScenario)).one()
        assert scenario.discussed == ["toeslagen"]
    ticked = client.submit(
        f"/caseload/{people['resident']}/inkomen/{scenario.id}/besproken",
        {"discussed": ["kinderopvang", "kwijtschelding"]},
    )
    assert ticked.status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        assert session.get(IncomeScenario, scenario.id).discussed == ["kinderopvang", "kwijtschelding"]  # type: ignore[union-attr]


def _parameters_form(**changes: str) -> dict[str, str]:
    form = {"period_start": "2026-07-01"}
    values = {
        "norm_single": "1401,50",
        "norm_single_parent": "1401,50",
        "norm_couple": "2002,14",
        "exemption_share": "25",
        "exemption_max": "275",
        "exemption_months": "6",
    }
    for name, value in values.items():
        form[name] = value
        form[f"{name}-source"] = "Mededeling SZW, Staatscourant 2026"
        form[f"{name}-confirmed"] = "1"
    form.update(changes)
    return form


def test_the_admin_edits_the_table_and_each_change_is_logged(
    app: Flask, client: Client, people: dict[str, Any], make_user: Callable[..., Account]
) -> None:
    admin = make_user("admin")
    client.login(people["consultant"].email)
    assert client.get("/beheer/inkomen").status_code == 403
    client.login(admin.email)
    page = client.get("/beheer/inkomen?periode=2026-07-01").get_data(as_text=True)
    assert "1 juli 2026" in page and "Niet gevonden" in page
    bad = client.submit("/beheer/inkomen", _parameters_form(norm_single="veel", **{"exemption_max-source": ""}))
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'href="#norm_single"' in text and 'href="#exemption_max-source"' in text
    wrong_day = client.submit("/beheer/inkomen", _parameters_form(period_start="2026-03-01"))
    assert wrong_day.status_code == 422 and "1 januari of 1 juli" in wrong_day.get_data(as_text=True)
    saved = client.submit("/beheer/inkomen", _parameters_form(**{"exemption_max-confirmed": ""}))
    assert saved.status_code == 302
    added = client.submit("/beheer/inkomen", _parameters_form(period_start="2027-01-01"))
    assert added.status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        keys = [c.key for c in session.exec(select(SettingChange)).all()]
        assert keys == [
            "Bijstandsnormen en inkomstenvrijlating vanaf 1 juli 2026",
            "Bijstandsnormen en inkomstenvrijlating vanaf 1 januari 2027",
        ]
    log = client.get("/beheer/instellingen").get_data(as_text=True)
    assert "Bijstandsnormen en inkomstenvrijlating vanaf 1 juli 2026" in log and "1401.50" in log
    data = _post(
        client,
        people["token"],
        people["resident"],
        {"household": "single", "net_monthly_wage": 2000, "on": "2026-12-01"},
    )
    params = data.get_json()["parameters"]
    assert params["norm"] == 1401.5 and params["exemption_max"] == 275.0 and params["unconfirmed"] == ["exemption_max"]
    assert data.get_json()["earnings_exemption"] == 275.0
    later = _post(
        client,
        people["token"],
        people["resident"],
        {"household": "single", "net_monthly_wage": 800, "on": "2027-02-01"},
    )
    assert later.status_code == 201
    refused = _post(
        client,
        people["token"],
        people["resident"],
        {"household": "single", "net_monthly_wage": 800, "on": "2027-08-01"},
    )
    assert refused.status_code == 422 and "on" in refused.get_json()["error"]["fields"]


def test_scenarios_are_in_the_residents_export_and_go_with_erasure(
    app: Flask, client: Client, people: dict[str, Any]
) -> None:
    counsel(client, people["token"], people["resident"])
    headers = bearer(people["token"])
    export = client.get(f"/api/v1/residents/{people['resident']}/export", headers=headers).get_json()
    assert len(export["income_scenarios"]) == 1 and export["income_scenarios"][0]["net_monthly_wage"] == "900.00"
    assert client.post(f"/api/v1/residents/{people['resident']}/erase", headers=headers).status_code == 204
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(IncomeScenario)).all() == []
