"""Settings an admin may change in the pages: the configuration file gives the defaults,
what is stored in the database wins. One table of what is editable, read at a glance."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from blinker import Namespace
from sqlmodel import Session, select

from ..models import AppSetting
from ..terms import Terms, terms_from

# Sent (with the session) after an admin changed a term: areas that store a date computed from
# the terms recompute it in the same unit of work (the caseload's deadline), so none is stale.
terms_changed = Namespace().signal("terms-changed")
TERM_SECTIONS = ("reminders.", "placements.")


@dataclass(frozen=True)
class Editable:
    key: str  # dotted path into the settings
    label: str
    kind: str  # "int", "share", "date", "targets", "choices"
    group: str
    minimum: int = 0
    maximum: int = 1000


_TERMS = "Termijnen"
_LEAD = "Hoeveel dagen vooraf een herinnering verschijnt"
EDITABLE: tuple[Editable, ...] = (
    Editable("goals.targets", "Aangesloten werkgevers en locaties per peildatum", "targets", "Doelen"),
    Editable("goals.participation_share", "Maatschappelijke participatie: doel", "share", "Doelen"),
    Editable("goals.participation_by", "Maatschappelijke participatie: peildatum", "date", "Doelen"),
    Editable("goals.classified_half_by", "De helft ingedeeld in een route op", "date", "Doelen"),
    Editable("goals.classified_all_by", "Iedereen ingedeeld in een route op", "date", "Doelen"),
    Editable("goals.ontheffing_benchmark", "Aandeel ontheffingen: benchmark", "share", "Doelen"),
    Editable("reminders.snel_months", "Snel naar werk: termijn in maanden (in principe)", "int", _TERMS, 1, 24),
    Editable("reminders.snel_extended_months", "Snel naar werk: langere termijn in maanden", "int", _TERMS, 1, 24),
    Editable("reminders.ontwikkeling_months", "Ontwikkeling naar werk: duur in maanden", "int", _TERMS, 1, 36),
    Editable("reminders.meedoen_evaluation_months", "Meedoen: evaluatie elke … maanden", "int", _TERMS, 1, 36),
    Editable("reminders.nazorg_weeks", "Nazorg: controle elke … weken", "int", _TERMS, 1, 52),
    Editable(
        "reminders.proposal_unanswered_working_days", "Voorstel onbeantwoord na … werkdagen", "int", _TERMS, 1, 60
    ),
    Editable("reminders.registration_waiting_working_days", "Aanmelding wacht na … werkdagen", "int", _TERMS, 0, 60),
    Editable("reminders.lead_days.snel_deadline", "Deadline snel naar werk", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.ontwikkeling_end", "Einde ontwikkeltraject", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.meedoen_evaluation", "Evaluatie meedoen", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.ontheffing_end", "Einde ontheffing", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.no_contact_this_year", "Nog geen contact dit jaar", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.trial_ending", "Einde proefplaatsing of participatieplaats", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.nazorg_check", "Nazorg", "int", _LEAD, 0, 365),
    Editable("reminders.lead_days.proposal_unanswered", "Voorstel onbeantwoord", "int", _LEAD, 0, 60),
    Editable("reminders.lead_days.registration_waiting", "Aanmelding wacht op beoordeling", "int", _LEAD, 0, 60),
    Editable("participation.placement_types", "Soorten werkplek die meetellen", "choices", "Participatie"),
    Editable("participation.activity_kinds", "Eigen activiteiten die meetellen", "choices", "Participatie"),
)
BY_KEY = {e.key: e for e in EDITABLE}


def get_path(settings: dict[str, Any], key: str) -> Any:
    value: Any = settings
    for part in key.split("."):
        value = value[part]
    return value


def _set_path(settings: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    target = settings
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def stored_values(session: Session) -> dict[str, Any]:
    return {row.key: row.value for row in session.exec(select(AppSetting)).all() if row.key in BY_KEY}


def effective_settings(session: Session, config: dict[str, Any]) -> dict[str, Any]:
    """The configuration with what an admin stored in the pages laid over it."""
    settings = copy.deepcopy(config)
    for key, value in stored_values(session).items():
        _set_path(settings, key, value)
    return settings


def terms_in_force(session: Session, config: dict[str, Any]) -> Terms:
    """The terms as they are now: the configuration with what an admin stored."""
    return terms_from(effective_settings(session, config))
