"""The access log: written even when the request is refused, which residents every list
showed, every role's candidate view, and the page an administrator searches it on."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import update
from sqlmodel import Session, select
from werkzeug.datastructures import MultiDict

from carrousel.audit import ids_of, log_access, write_pending
from carrousel.auth.account import Account
from carrousel.db import engine_of, unit_of_work
from carrousel.models import AccessLog, Proposal, Resident
from carrousel.pseudonyms import codes_for
from tests.conftest import Client, bearer


def _rows(app: Flask) -> list[AccessLog]:
    with app.app_context(), unit_of_work(app) as session:
        return list(session.exec(select(AccessLog).order_by(AccessLog.id)).all())


def _code(app: Flask, resident_id: int) -> str:
    with app.app_context(), unit_of_work(app) as session:
        return session.get(Resident, resident_id).code  # type: ignore[union-attr]


def test_a_refused_form_that_showed_the_resident_still_leaves_its_log_row(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, name="Noor Bakker")
    client.login(consultant.email)
    before = len(_rows(app))
    response = client.submit(f"/caseload/{resident}/abc", {"level": "G2", "measured_on": "2100-01-01"})
    assert response.status_code == 422 and "Noor Bakker" in response.get_data(as_text=True)
    new = [(r.resident_id, r.action) for r in _rows(app)[before:]]
    assert (resident, "abc-meting") in new and (resident, "bekijken") in new  # both views, though rolled back


def test_a_rolled_back_change_is_not_logged_as_a_change_but_its_view_is(
    app: Flask, make_user: Callable[..., Account]
) -> None:
    consultant = make_user("consultant")
    with app.test_request_context("/"), Session(engine_of(app)) as session:
        log_access(session, consultant, 7, "bekijken")
        log_access(session, consultant, 7, "gewijzigd", "name")
        write_pending(engine_of(app), committed=False)
    assert [(r.resident_id, r.action) for r in _rows(app)] == [(7, "bekijken")]


def test_a_save_that_changed_nothing_is_no_change(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, hours_available=32)
    token = token_for(consultant)
    assert (
        client.patch(f"/api/v1/residents/{resident}", json={"hours_available": 32}, headers=bearer(token)).status_code
        == 200
    )
    assert "gewijzigd" not in [r.action for r in _rows(app)]
    client.patch(f"/api/v1/residents/{resident}", json={"hours_available": 20}, headers=bearer(token))
    assert [r.detail for r in _rows(app) if r.action == "gewijzigd"] == [
        "beschikbare uren per week"
    ]  # Dutch names, never values


def test_the_caseload_page_and_api_log_which_residents_they_showed(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    mine = {make_resident(consultant, name=f"Inwoner {n}") for n in range(3)}
    make_resident(make_user("consultant"), name="Van een ander")
    client.login(consultant.email)
    client.get("/caseload")
    client.get("/api/v1/residents?limit=2", headers=bearer(token_for(consultant)))
    lists = [r for r in _rows(app) if r.action == "caseload"]
    assert [set(ids_of(r.resident_ids)) for r in lists[:1]] == [mine]
    assert len(ids_of(lists[1].resident_ids)) == 2 and set(ids_of(lists[1].resident_ids)) <= mine


@pytest.mark.parametrize("role", ["consultant", "adviser", "employer"])
def test_every_roles_candidate_view_is_logged_with_the_residents_it_showed(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
    role: str,
) -> None:
    organisation = make_organisation()
    placement = make_placement(organisation)
    consultant = make_user("consultant")
    shown = {make_resident(consultant, abc="G2") for _ in range(2)}
    if role == "employer":  # an employer sees only who was proposed to the place, from the consent on
        with app.app_context(), unit_of_work(app) as session:
            for resident in shown:
                session.add(
                    Proposal(
                        resident_id=resident, placement_id=placement, organisation_id=organisation, status="consented"
                    )
                )
    viewer = (
        consultant
        if role == "consultant"
        else make_user(role, organisation_id=organisation if role == "employer" else None)
    )
    client.login(viewer.email)
    assert client.get(f"/werkplekken/{placement}/kandidaten").status_code == 200
    assert (
        client.get(f"/api/v1/placements/{placement}/candidates", headers=bearer(token_for(viewer))).status_code == 200
    )
    views = [r for r in _rows(app) if r.action == "kandidaten" and r.user_id == viewer.id]
    assert len(views) == 2
    assert all(set(ids_of(v.resident_ids)) == shown and v.detail == f"werkplek {placement}" for v in views)


def test_nothing_is_shown_when_the_log_cannot_be_written(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, name="Geheime Naam")
    client.login(consultant.email)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("database weg")

    monkeypatch.setattr("carrousel.db.write_pending", broken)
    response = client.get(f"/caseload/{resident}")
    assert response.status_code == 500 and "Geheime Naam" not in response.get_data(as_text=True)


def test_the_access_log_page_searches_by_code_or_name_user_and_dates_in_local_time(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    first, second = make_user("consultant"), make_user("consultant")
    noor = make_resident(first, name="Noor Bakker")
    make_resident(second, name="Sem de Vries")
    client.login(first.email)
    client.get(f"/caseload/{noor}")
    client.get("/caseload")
    client.patch(
        f"/api/v1/residents/{noor}",
        json={"route": "ontwikkeling", "max_travel_km": 5},
        headers=bearer(token_for(first)),
    )
    # One old row, at a known moment: 23:30 UTC on 31 March 2026 is 01:30 on 1 April in Amsterdam.
    with app.app_context(), unit_of_work(app) as session:
        oldest = session.exec(select(AccessLog).order_by(AccessLog.id)).first()
        assert oldest is not None
        session.exec(
            update(AccessLog).where(AccessLog.id == oldest.id).values(at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
        )  # type: ignore[call-overload]
    admin = make_user("admin")
    client.login(admin.email)
    code = _code(app, noor)

    by_code = client.get(f"/beheer/toegangslog?q={code.lower()}").get_data(as_text=True)
    assert by_code.count(code) >= 4 and "Sem de Vries" not in by_code  # the page, the list, the change and the intake
    assert "Caseload bekeken" in by_code and "Gewijzigd" in by_code
    assert "termijn snel naar werk" in by_code and "maximale reisafstand" in by_code and "snel_months" not in by_code
    assert f"<td>{noor}</td>" not in by_code  # the code, never the internal id

    by_name = client.get("/beheer/toegangslog?q=bakker").get_data(as_text=True)
    assert by_name.count("<tr>") == by_code.count("<tr>")

    by_user = client.get(f"/beheer/toegangslog?gebruiker={second.id}").get_data(as_text=True)
    assert "Vastgelegd (intake)" in by_user and "Caseload bekeken" not in by_user

    april_first = client.get("/beheer/toegangslog?van=2026-04-01&tot=2026-04-01").get_data(as_text=True)
    assert "1 april 2026 01:30:00" in april_first and april_first.count("<tr>") == 2  # header and the one row
    assert "01:30" not in client.get("/beheer/toegangslog?tot=2026-03-31").get_data(as_text=True)

    nothing = client.get("/beheer/toegangslog?q=bestaat-niet").get_data(as_text=True)
    assert "Niets gevonden" in nothing
    refused = client.get("/beheer/toegangslog?van=gisteren").get_data(as_text=True)
    assert "genegeerd: Van" in refused


def test_the_access_log_exports_as_semicolon_csv_in_local_time(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, name="=Formule")
    client.login(consultant.email)
    client.get("/caseload")
    admin = make_user("admin")
    client.login(admin.email)
    response = client.get(f"/beheer/toegangslog.csv?gebruiker={consultant.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["tijdstip", "gebruiker", "inwoner", "handeling", "details", "inwoners in lijst"]
    assert [row[3] for row in rows[1:]] == ["Caseload bekeken", "Vastgelegd (intake)"]
    assert rows[1][5] == _code(app, resident) and rows[2][2] == _code(app, resident)
    stamp = datetime.strptime(rows[1][0], "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert abs(stamp - datetime.now(UTC)) < timedelta(minutes=5)


class _FormValues(HTMLParser):
    """What a browser would send for each form of a page: inputs, checked boxes, selected options, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append([])
        elif tag == "option" and self._select and "selected" in a:
            self.forms[-1].append((self._select, a.get("value", "")))
        elif "name" not in a or not self.forms:
            return
        elif tag == "input" and (a.get("type") not in ("checkbox", "radio") or "checked" in a):
            self.forms[-1].append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1].append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, _ = self.forms[-1].pop()
            self.forms[-1].append((name, data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def form_with(self, field: str) -> list[tuple[str, str]]:
        return next(form for form in self.forms if any(name == field for name, _ in form))


def test_saving_the_edit_form_unchanged_logs_no_change(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, abc="G3", needs=["jobcoach"], wished_sectors=["Zorg"], talents="Koken")
    client.login(consultant.email)
    page = _FormValues()
    page.feed(client.get(f"/caseload/{resident}/bewerken").get_data(as_text=True))
    values = page.form_with("version")
    assert ("name", "Inwoner Test") in values and ("needs", "jobcoach") in values
    saved = client.post(f"/caseload/{resident}/bewerken", data=MultiDict(values))
    assert saved.status_code == 302
    actions = [r.action for r in _rows(app) if r.resident_id == resident]
    assert actions[-1] == "wijzigen" and "gewijzigd" not in actions


def test_the_export_names_residents_of_lists_longer_than_a_query_may_bind(
    app: Flask, client: Client, make_user: Callable[..., Account], make_resident: Callable[..., int]
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant)
    many = [resident, *range(100_000, 170_000)]  # more ids than PostgreSQL binds in one query (65,535)
    with app.app_context(), unit_of_work(app) as session:
        log_access(session, consultant, None, "caseload", "veel", resident_ids=many)
    client.login(make_user("admin").email)
    response = client.get("/beheer/toegangslog.csv")
    assert response.status_code == 200
    assert f"{_code(app, resident)}, onbekend, onbekend" in response.data.decode("utf-8-sig")


def test_the_access_log_finds_a_resident_by_the_code_an_organisation_knows_them_by(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    """A question from an employer names only its own K- code: the admin finds whose log it is."""
    bakery, garage = make_organisation(name="Bakkerij"), make_organisation(name="Garage")
    consultant = make_user("consultant")
    noor = make_resident(consultant, name="Noor Bakker", abc="G2")
    sem = make_resident(consultant, name="Sem de Vries", abc="G2")
    pairs = [(noor, bakery, make_placement(bakery)), (sem, garage, make_placement(garage))]
    with app.app_context(), unit_of_work(app) as session:
        for resident, organisation, placement in pairs:
            session.add(
                Proposal(resident_id=resident, placement_id=placement, organisation_id=organisation, status="consented")
            )
    client.login(consultant.email)
    client.get(f"/caseload/{noor}")
    client.get(f"/caseload/{sem}")
    with app.app_context(), unit_of_work(app) as session:
        bakery_code = codes_for(session, bakery, [noor])[noor]
        garage_code = codes_for(session, garage, [noor])[noor]  # the garage never met Noor
    client.login(make_user("admin").email)
    noor_code, sem_code = _code(app, noor), _code(app, sem)

    typed_over = bakery_code.lower().replace("-", " ").replace("1", "l").replace("0", "o")
    for q in (bakery_code, typed_over):
        found = client.get("/beheer/toegangslog", query_string={"q": q}).get_data(as_text=True)
        assert noor_code in found and sem_code not in found, q
    unknown = client.get("/beheer/toegangslog", query_string={"q": garage_code}).get_data(as_text=True)
    assert "Niets gevonden" in unknown and noor_code not in unknown
