"""Template helpers: Dutch labels, dates and the navigation of each role."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, url_for
from flask_login import current_user

from matching import vocabulary as vocab

from .access import roles_for
from .models import ROLE_LABELS
from .models.organisations import KIND_LABELS, STATUS_LABELS

# (endpoint, label): each role sees the entries its access declarations let it open.
NAVIGATION = [
    ("home.index", "Start"),
    ("residents.index", "Caseload"),
    ("organisations.index", "Organisaties"),
    ("placements.index", "Werkplekken"),
    ("goals.index", "Doelen"),
    ("reminders.index", "Herinneringen"),
    ("settings.index", "Instellingen"),
    ("organisations.import_form", "Importeren"),
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
    "evaluatie": "Evaluatie meedoen",
    "herbeoordeling": "Herbeoordeling ontheffing",
    "activiteit": "Eigen activiteit",
}
_EVENT_LABELS: dict[str, dict[str, str]] = {
    "aangemaakt": vocab.ROUTE_LABELS,
    "route": vocab.ROUTE_LABELS,
    "fase": vocab.RESIDENT_PHASE_LABELS,
    "trede": {str(k): v for k, v in vocab.LADDER_LABELS.items()},
}


def event_value(value: str, kind: str) -> str:
    """A timeline value in the words a consultant reads (route and phase labels, ladder rungs)."""
    if not value:
        return "–"
    return _EVENT_LABELS.get(kind, {}).get(value, value)


def kilometres(value: float) -> str:
    """4.25 -> '4,3 km': the Dutch decimal comma."""
    return f"{value:.1f}".replace(".", ",") + " km"


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(dutch_date, "datum")
    app.add_template_filter(kilometres, "km")
    app.add_template_filter(event_value, "tijdlijnwaarde")
    app.add_template_global(EVENT_KINDS, "event_kinds")

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
