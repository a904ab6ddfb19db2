"""Issue 20, item 8: no English, no code names and no ISO dates on any page of any role.

Every page of every role (the demo municipality, tests/conftest.py PAGES) is rendered and its
visible text (what a person reads, and what a screen reader reads from labels) is checked
against a list of words that slipped through before.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask import Flask
from openpyxl import load_workbook

from carrousel.auth.account import Account
from carrousel.db import unit_of_work
from carrousel.models import AccessLog
from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS
from carrousel.templating import dutch_date
from carrousel.wording import FIELD_LABELS
from tests.carrousel.visible import visible_text
from tests.conftest import PAGES, Client

# English words and code words seen on pages before (issue 20), matched as whole words.
ENGLISH = [
    "Outcome",
    "Consent",
    "record",
    "ranking",
    "Sheet",
    "None",
    "True",
    "False",
    "null",
    "Error",
    "pending",
    "approved",
    "rejected",
    "inactive",
    "draft",
    "filled",
    "closed",
    "proposed",
    "consented",
    "introduced",
    "started",
    "ended",
    "declined",
    "withdrawn",
    "employer",
    "location",
    "adviser",
    "consultant",
    "admin",
    "internship",
    "hired",
    "mfa",
    "mfa-herstel",
    "login",
    "logout",
    "token",
]
# Code names of fields: every name with an underscore that a form or the API uses.
CODES = sorted({name for name in FIELD_LABELS if "_" in name} | {"on_date", "max_abc", "organisation_id"})
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")
DOT_DECIMAL = re.compile(r"(?<![\w.])0\.\d+\b")
JSON_BITS = re.compile(r'[{\[]\s*"|":\s')


def problems(text: str) -> list[str]:
    """What on this page is no Dutch for a reader."""
    found = [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    found += [c for c in CODES if re.search(rf"(?<![\w]){re.escape(c)}(?![\w])", text)]
    found += ISO_DATE.findall(text) + DOT_DECIMAL.findall(text) + JSON_BITS.findall(text)
    return found


def test_the_word_list_catches_what_it_should() -> None:
    assert problems("Outcome: kies een uitkomst") == ["Outcome"]
    assert problems("on_date: Dit veld is verplicht") == ["on_date"]
    assert problems("– → 2026-12-07") == ["2026-12-07"]
    assert problems('gewicht {"kansrijk": 0.35}') == ["0.35", '{"', '": ']
    assert problems("Gestart op 7 december 2026, 0,35 en postcode 6701AB, 12-34") == []


@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "bezoeker")
def test_no_page_shows_english_code_names_or_iso_dates(
    app: Flask, client: Client, demo: dict[str, int], role: str | None
) -> None:
    if role:
        client.login(next(e for r, e, _ in DEMO_USERS if r == role), DEMO_PASSWORD)
    failures = []
    for path in PAGES[role]:
        response = client.get(path.format(**demo))
        assert response.status_code == 200, path
        found = problems(visible_text(response.get_data(as_text=True)))
        if found:
            failures.append(f"{path}: {found}")
    assert not failures, "\n".join(failures)


def test_downloads_have_dutch_names_and_an_excel_sheet_with_a_dutch_name(
    client: Client, make_user: Callable[..., Account], make_organisation: Callable[..., int]
) -> None:
    make_organisation(name="Bakkerij Test")
    client.login(make_user("adviser").email)
    csv_file = client.get("/export/organisaties.csv")
    assert csv_file.status_code == 200
    assert 'filename="organisaties.csv"' in csv_file.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(client.get("/export/werkplekken.xlsx").data))
    assert book.sheetnames == ["Werkplekken"]
    english = client.get("/export/organisations.xlsx")  # old links keep working, the name is Dutch
    assert 'filename="organisaties.xlsx"' in english.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(english.data)).sheetnames == ["Organisaties"]


def test_the_settings_log_the_timeline_and_the_access_log_speak_dutch(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
) -> None:
    admin = make_user("admin")
    client.login(admin.email)
    changed = client.submit(
        "/beheer/instellingen",
        {"goals.participation_share": "40", "goals.participation_by": "2026-12-31"},
    )
    assert changed.status_code in (200, 302)
    text = visible_text(client.get("/beheer/instellingen").get_data(as_text=True)).replace("Test admin", "")
    assert "40%" in text and not problems(text), problems(text)
    with app.app_context(), unit_of_work(app) as session:
        session.add(AccessLog(user_id=admin.id, resident_id=None, action="mfa-herstel", detail="account x@test.nl"))
    text = visible_text(client.get("/beheer/toegangslog").get_data(as_text=True))
    assert "Tweestapsverificatie hersteld" in text and "mfa-herstel" not in text

    consultant = make_user("consultant")
    resident = make_resident(consultant, route="meedoen")
    client.login(consultant.email)
    day = date.today() - timedelta(days=1)
    assert client.submit(f"/caseload/{resident}/evaluatie", {"on_date": day.isoformat()}).status_code == 302
    text = visible_text(client.get(f"/caseload/{resident}").get_data(as_text=True)).replace("Test consultant", "")
    assert dutch_date(day) in text and not problems(text), problems(text)


def test_error_summaries_name_proposal_fields_in_dutch(app: Flask) -> None:
    with app.test_request_context("/"):
        html = app.jinja_env.from_string(
            '{% import "_forms.html" as f with context %}{{ f.error_summary(errors) }}'
        ).render(errors={"outcome": "Kies de uitkomst.", "consent": "Geef aan hoe.", "on": "Kies een datum."})
    text = visible_text(html)
    assert "Uitkomst: Kies de uitkomst." in text and "Toestemming: Geef aan hoe." in text and "Datum:" in text
    assert not problems(text)
