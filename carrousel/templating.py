"""Template helpers: Dutch labels, dates and the navigation of each role."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, url_for
from flask_login import current_user

from matching import vocabulary as vocab

from .access import roles_for
from .models import ROLE_LABELS
from .models.organisations import KIND_LABELS, STATUS_LABELS
from .wording import NOT_A_FIELD, PROPOSAL_STATUS_LABELS, decimal, field_label, percent, plural

# (endpoint, label): each role sees the entries its access declarations let it open.
NAVIGATION = [
    ("home.index", "Start"),
    ("residents.index", "Caseload"),
    ("organisations.index", "Organisaties"),
    ("placements.index", "Werkplekken"),
    ("catalogue.inbox", "Interesse"),
    ("proposals.index", "Voorstellen"),
    ("goals.index", "Doelen"),
    ("reminders.index", "Herinneringen"),
    ("settings.index", "Instellingen"),
    ("organisations.import_form", "Importeren"),
    ("admin.index", "Beheer"),
    ("admin.users", "Gebruikers"),
    ("admin.access_log", "Toegangslog"),
]

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def dutch_time(value: datetime | None) -> str:
    """A stored UTC moment in Dutch local time: '26 november 2026, 14:05'."""
    if value is None:
        return "–"
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(LOCAL_TIME)
    return f"{dutch_date(local)}, {local:%H:%M}"


EVENT_KINDS = {
    "aangemaakt": "Intake",
    "route": "Route",
    "fase": "Fase",
    "trede": "Participatieladder",
    "werkplek": "Werkplek",
    "consulent": "Consulent",
    "abc": "ABC-meting",
    "contact": "Contact",
    "gedeeld": "Gedeeld met",
    "voorstel": "Voorstel",
    "nazorg": "Nazorg",
    "evaluatie": "Evaluatie meedoen",
    "herbeoordeling": "Herbeoordeling ontheffing",
    "activiteit": "Eigen activiteit",
}
_EVENT_LABELS: dict[str, dict[str, str]] = {
    "aangemaakt": vocab.ROUTE_LABELS,
    "route": vocab.ROUTE_LABELS,
    "fase": vocab.RESIDENT_PHASE_LABELS,
    "trede": {str(k): v for k, v in vocab.LADDER_LABELS.items()},
    "voorstel": PROPOSAL_STATUS_LABELS,
}


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def event_value(value: str, kind: str) -> str:
    """A timeline value in the words a consultant reads (route and phase labels, ladder rungs)."""
    if not value:
        return "–"
    if _ISO_DATE.fullmatch(value):  # an evaluation's or a re-assessment's date: '7 december 2026'
        return dutch_date(value)
    return _EVENT_LABELS.get(kind, {}).get(value, value)


def kilometres(value: float) -> str:
    """4.25 -> '4,3 km': the Dutch decimal comma."""
    return f"{value:.1f}".replace(".", ",") + " km"


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(dutch_date, "datum")
    app.add_template_filter(kilometres, "km")
    app.add_template_filter(event_value, "tijdlijnwaarde")
    app.add_template_global(EVENT_KINDS, "event_kinds")
    app.add_template_filter(dutch_time, "tijdstip")
    app.add_template_filter(percent, "procent")
    app.add_template_filter(decimal, "komma")  # 0.25 -> '0,25'   # 0.833 -> '83,3%'
    app.add_template_filter(plural, "aantal")  # {{ n|aantal('plek', 'plekken') }}
    app.add_template_filter(field_label, "veldnaam")
    app.add_template_global(NOT_A_FIELD, "not_a_field")

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "navigation": _navigation(app),
            "vocab": vocab,
            "role_labels": ROLE_LABELS,
            "kind_labels": KIND_LABELS,
            "org_status_labels": STATUS_LABELS,
            "today": date.today(),
        }


def _navigation(app: Flask) -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    items = []
    for endpoint, label in NAVIGATION:
        roles = roles_for(app, endpoint)
        if endpoint in app.view_functions and roles and current_user.role in roles:
            items.append((url_for(endpoint), label))
    return items
