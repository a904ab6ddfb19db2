"""Issue 17, item 6: the low findings of the security test, each as the attack that found it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.links import external_url
from carrousel.models import AccessLog, Reminder, Resident
from carrousel.organisations.tabular import neutralise, unneutralise
from carrousel.validation import InvalidInput
from tests.carrousel.proposals_flow import propose
from tests.conftest import PASSWORD, Client, bearer


def _log(app: Flask, **where: object) -> list[AccessLog]:
    with unit_of_work(app) as session:
        query = select(AccessLog)
        for name, value in where.items():
            query = query.where(getattr(AccessLog, name) == value)
        return list(session.exec(query).all())


def test_refused_attempts_on_another_consultants_resident_or_proposal_are_logged(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[[Account], str],
) -> None:
    owner, other = make_user("consultant"), make_user("consultant")
    resident = make_resident(owner, abc="G2")
    proposal = propose(client, token_for(owner), resident, make_placement()).get_json()["id"]
    theirs = bearer(token_for(other))
    assert client.get(f"/api/v1/residents/{resident}", headers=theirs).status_code == 404
    assert client.patch(f"/api/v1/residents/{resident}", headers=theirs, json={"talents": "x"}).status_code == 404
    assert client.get(f"/api/v1/proposals/{proposal}", headers=theirs).status_code == 404
    refused = _log(app, user_id=other.id, action="geweigerd")
    assert len(refused) == 3 and {row.resident_id for row in refused} == {resident}
    assert any(f"voorstel {proposal}" in row.detail for row in refused)


def test_making_a_password_reset_link_is_logged(app: Flask, client: Client, make_user: Callable[..., Account]) -> None:
    admin, user = make_user("admin"), make_user("consultant")
    client.login(admin.email)
    assert client.submit(f"/beheer/gebruikers/{user.id}/herstellen").status_code == 200
    rows = _log(app, user_id=admin.id, action="herstellink")
    assert len(rows) == 1 and user.email in rows[0].detail


def test_a_link_that_leaves_the_product_never_takes_the_request_host(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No base_url, no trusted_hosts: a foreign Host is no address to send anybody to.
    with app.test_request_context("/", base_url="http://aanvaller.example"), pytest.raises(InvalidInput) as refused:
        external_url("auth.reset", field="reset", token="t")
    assert "app.base_url" in refused.value.fields["reset"]
    with app.test_request_context("/", base_url="http://localhost:5000"):  # carrousel demo on this machine
        assert external_url("auth.reset", token="t") == "http://localhost:5000/wachtwoord-herstellen/t"
    monkeypatch.setitem(app.config["CARROUSEL"]["app"], "trusted_hosts", ["werkcarrousel.gemeente.nl"])
    with app.test_request_context("/", base_url="https://werkcarrousel.gemeente.nl"):  # checked against the list
        assert external_url("auth.reset", token="t") == "https://werkcarrousel.gemeente.nl/wachtwoord-herstellen/t"
    monkeypatch.setitem(app.config["CARROUSEL"]["app"], "base_url", "https://werk.gemeente.nl")
    with app.test_request_context("/", base_url="http://aanvaller.example"):
        assert external_url("auth.reset", token="t") == "https://werk.gemeente.nl/wachtwoord-herstellen/t"


def test_the_reset_link_on_the_admin_page_uses_the_base_url(
    app: Flask, client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["app"], "base_url", "https://werkcarrousel.gemeente.nl/")
    admin, user = make_user("admin"), make_user("consultant")
    client.login(admin.email)
    page = client.submit(f"/beheer/gebruikers/{user.id}/herstellen").get_data(as_text=True)
    link = re.search(r'value="([^"]+/wachtwoord-herstellen/[^"]+)"', page)
    assert link and link.group(1).startswith("https://werkcarrousel.gemeente.nl/wachtwoord-herstellen/")


def test_erasure_takes_the_old_code_out_of_every_reminder(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> None:  # fmt: skip
    consultant, adviser = make_user("consultant"), make_user("adviser")
    resident = make_resident(consultant)
    with unit_of_work(app) as session:
        code = session.get(Resident, resident).code  # type: ignore[union-attr]
        session.add(_reminder(consultant.id, f"r{resident}", f"Inwoner {code}: snel naar werk loopt af.", resident))
        session.add(_reminder(adviser.id, "o1", f"Zie ook inwoner {code} bij deze werkgever.", None))
    assert client.post(f"/api/v1/residents/{resident}/erase", headers=bearer(token_for(consultant))).status_code == 204
    with unit_of_work(app) as session:
        texts = [r.text for r in session.exec(select(Reminder)).all()]
    assert texts == ["Zie ook inwoner (gewist) bij deze werkgever."]


def _reminder(user_id: int, subject: str, text: str, resident_id: int | None) -> Reminder:
    due = date(2026, 12, 20)
    return Reminder(
        key=f"snel_deadline:{subject}:{due.isoformat()}:{user_id}",
        kind="snel_deadline",
        due_on=due,
        user_id=user_id,
        resident_id=resident_id,
        text=text,
        created_on=date(2026, 12, 7),
    )


def test_a_reminder_follows_the_resident_to_the_new_consultant(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> None:  # fmt: skip
    old, new = make_user("consultant"), make_user("consultant")
    resident = make_resident(old)
    with unit_of_work(app) as session:
        session.add(_reminder(old.id, f"r{resident}", "Inwoner: snel naar werk loopt af.", resident))
    moved = client.post(
        f"/api/v1/residents/{resident}/handover", headers=bearer(token_for(old)), json={"consultant_id": new.id}
    )
    assert moved.status_code == 200, moved.get_json()
    assert client.get("/api/v1/reminders", headers=bearer(token_for(old))).get_json()["total"] == 0
    theirs = client.get("/api/v1/reminders", headers=bearer(token_for(new))).get_json()
    assert theirs["total"] == 1 and theirs["items"][0]["resident_id"] == resident
    with unit_of_work(app) as session:
        assert session.exec(select(Reminder.key)).one().endswith(f":{new.id}")


def test_the_password_change_form_is_throttled(
    app: Flask, client: Client, make_user: Callable[..., Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["security"], "throttle_delay_seconds", 60)
    user = make_user("consultant")
    client.login(user.email)
    form = {"new_password": "een-nieuw-wachtwoord"}
    for _ in range(app.config["CARROUSEL"]["security"]["max_failures_per_account"]):
        wrong = client.submit("/account/wachtwoord", {**form, "current_password": "geraden-wachtwoord"})
        assert wrong.status_code == 422
    refused = client.submit("/account/wachtwoord", {**form, "current_password": PASSWORD})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Te veel mislukte pogingen" in refused.get_data(as_text=True)


def test_percent_and_underscore_in_a_search_match_themselves(
    client: Client, make_user: Callable[..., Account], make_placement: Callable[..., int],
    make_resident: Callable[..., int], token_for: Callable[[Account], str],
) -> None:  # fmt: skip
    consultant = make_user("consultant")
    make_placement(title="Korting 50% kassa")
    make_placement(title="Kok")
    make_resident(consultant, name="Jan_de_Vries")
    make_resident(consultant, name="Piet")
    token = bearer(token_for(consultant))

    def titles(q: str) -> list[str]:
        return sorted(p["title"] for p in client.get(f"/api/v1/placements?q={q}", headers=token).get_json()["items"])

    def names(q: str) -> list[str]:
        return sorted(r["name"] for r in client.get(f"/api/v1/residents?q={q}", headers=token).get_json()["items"])

    assert titles("%25") == ["Korting 50% kassa"] and titles("_") == [] and titles("k%25k") == []
    assert names("_") == ["Jan_de_Vries"] and names("%25") == [] and names("n_d") == ["Jan_de_Vries"]


@pytest.mark.parametrize("cell", [" =1+1", '\n=HYPERLINK("http://x")', "\t+1", "  -2", "\r\n@SUM(A1)", "=1"])
def test_export_cells_that_a_spreadsheet_would_run_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert unneutralise(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Bakker", " Bakker", "'quote", "50%"])
def test_ordinary_cells_stay_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell and unneutralise(cell) == cell
