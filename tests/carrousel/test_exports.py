"""Exports that Dutch Excel opens safely and splits, and imports that read them back."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable

import pytest
from flask import Flask
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import Organisation, Placement
from carrousel.organisations.tabular import read_table, write_table
from carrousel.validation import InvalidInput
from tests.conftest import Client

FORMULAS = ['=HYPERLINK("http://x")', "+31 6 123", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
# Names and titles are saved without leading white space, so a tab or CR never starts them;
# the exporter neutralises those too (tested on write_table directly below).
EXPECTED = {"'" + t if t[0] in "=+-@" else t.strip() for t in FORMULAS}


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _upload(client: Client, kind: str, name: str, content: bytes) -> str:
    response = client.post(
        "/importeren",
        data={"csrf_token": client.csrf_token(), "kind": kind, "mode": "check", "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_formulas_in_names_and_titles_are_exported_as_readable_text(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    for text in FORMULAS:
        make_placement(make_organisation(name=text), title=text)
    client.login(make_user("adviser").email)

    rows = _csv_rows(client.get("/export/organisations.csv").data)
    names = {row[rows[0].index("naam")] for row in rows[1:]}
    assert names == EXPECTED  # the apostrophe Excel hides: text, not a formula

    book = load_workbook(io.BytesIO(client.get("/export/placements.xlsx").data))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("titel")] for row in sheet.iter_rows(min_row=2)]
    assert {c.value for c in cells} == EXPECTED
    assert all(c.data_type == "s" for c in cells)  # a string cell, never "f" (formula)


def test_export_is_dutch_and_separated_by_semicolons(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    organisation = make_organisation(name="Bakkerij De Korrel", kind="employer")
    make_placement(organisation, title="Bakker", type="internship", physical_load="light", status="draft")
    client.login(make_user("adviser").email)
    organisations = _csv_rows(client.get("/export/organisations.csv").data)
    assert organisations[0] == ["id", "soort", "naam", "postcode", "sector", "e-mailadres", "status"]
    assert organisations[1][1:3] == ["werkgever", "Bakkerij De Korrel"] and organisations[1][6] == "goedgekeurd"
    placements = _csv_rows(client.get("/export/placements.csv").data)
    row = dict(zip(placements[0], placements[1], strict=True))
    assert (row["titel"], row["soort"], row["fysieke belasting"], row["status"], row["rijbewijs"]) == (
        "Bakker",
        "werkstage",
        "licht",
        "concept",
        "nee",
    )


def test_an_export_imports_again_and_old_english_columns_still_read(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
) -> None:
    organisation = make_organisation(name="=Formule BV")
    make_placement(organisation, title="-Min plek", type="internship", physical_load="heavy")
    client.login(make_user("adviser").email)
    exported = client.get("/export/placements.xlsx").data
    with app.app_context(), unit_of_work(app) as session:
        session.exec(select(Placement)).one()  # one before the import
    html = _upload(client, "placements", "plekken.xlsx", exported)
    assert "1 geldige rij, 0 fouten" in html
    token = html.split('name="token" value="')[1].split('"')[0]
    assert client.submit("/importeren", {"kind": "placements", "mode": "all", "token": token}).status_code == 302
    with app.app_context(), unit_of_work(app) as session:
        titles = [(p.title, p.type, p.physical_load) for p in session.exec(select(Placement)).all()]
    assert titles == [("-Min plek", "internship", "heavy")] * 2  # the apostrophe is gone again

    old = b"kind,name,postcode,sector,contact_email\nlocation,Buurttuin,6701AB,Groen,tuin@test.nl\n"
    assert "1 geldige rij, 0 fouten" in _upload(client, "organisations", "oud.csv", old)
    dutch = "soort;naam;postcode;sector;e-mailadres\naanbieder;Buurthuis;6701AB;Welzijn;huis@test.nl\n"
    assert "1 geldige rij, 0 fouten" in _upload(client, "organisations", "nieuw.csv", dutch.encode())


def test_a_spreadsheet_past_the_row_limit_is_refused_quickly_with_a_dutch_message(
    app: Flask, client: Client, make_user: Callable[..., Account]
) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["soort", "naam", "postcode", "sector", "e-mailadres"])
    for n in range(10_001):
        sheet.append(["werkgever", f"Bedrijf {n}", "6701AB", "Zorg", f"b{n}@test.nl"])
    out = io.BytesIO()
    book.save(out)
    client.login(make_user("adviser").email)
    response = client.post(
        "/importeren",
        data={
            "csrf_token": client.csrf_token(),
            "kind": "organisations",
            "mode": "check",
            "file": (io.BytesIO(out.getvalue()), "groot.xlsx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "meer dan 10.000 rijen" in response.get_data(as_text=True)
    with app.app_context(), unit_of_work(app) as session:
        assert session.exec(select(Organisation)).first() is None


def test_write_table_neutralises_tab_and_carriage_return_too() -> None:
    data = write_table([{"naam": "\tTab"}, {"naam": "\rCR"}, {"naam": "gewoon - tekst"}], ["naam"], "csv")
    assert [row[0] for row in _csv_rows(data)[1:]] == ["'\tTab", "'\rCR", "gewoon - tekst"]


def _small_zip_of_many_rows(rows: int) -> bytes:
    """An XLSX of `rows` one-cell rows and no stated size: about 2 MB for 400,000 rows, as in the report."""
    book = Workbook()
    book.active.append(["naam"])
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    cells = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(1, rows + 1))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    )
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            is_sheet = item.filename == "xl/worksheets/sheet1.xml"
            archive.writestr(item, sheet if is_sheet else source.read(item.filename))
    return target.getvalue()


def test_a_small_workbook_of_400000_rows_is_refused_at_once() -> None:
    content = _small_zip_of_many_rows(400_000)
    with pytest.raises(InvalidInput) as refused:  # speed: benchmarks/bench_import.py
        read_table("veel.xlsx", content, max_rows=10_000)
    assert "meer dan 10.000 rijen" in refused.value.fields["file"]


def test_a_workbook_within_the_limit_is_read_whole() -> None:
    rows = read_table("genoeg.xlsx", _small_zip_of_many_rows(500), max_rows=10_000)
    assert len(rows) == 499 and rows[0] == {"x": "x"}  # the first row is the header
