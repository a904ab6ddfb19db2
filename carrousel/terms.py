"""The terms of the carousel, defined once (DOMAIN.md *Time in the carousel*; CONTRACT.md *Terms*).

Pure: no Flask, no database. `terms_from` takes the effective settings (the configuration file
with what an admin stored in /beheer/instellingen on top) as plain data; every area reads the
terms through it, so the caseload's deadline, its filters, the home counts and the reminders
agree, also after an admin changes a term.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .dates import add_months

# The roles that act for an organisation (an employer or an activerend-werk location).
ORGANISATION_ROLES: frozenset[str] = frozenset({"employer", "location"})
# Placement types with a time limit from the resident's start.
TRIAL_TYPES = ("proefplaatsing", "participatieplaats")


@dataclass(frozen=True)
class Terms:
    """The configurable terms; the defaults are the plan's numbers."""

    snel_months: int = 3  # snel naar werk "in principe"
    snel_extended_months: int = 6  # when the consultant chose the longer term
    ontwikkeling_months: int = 12
    meedoen_evaluation_months: int = 12
    nazorg_weeks: int = 6
    proposal_unanswered_working_days: int = 10
    registration_waiting_working_days: int = 5
    proefplaatsing_months: int = 3
    proefplaatsing_max_months: int = 6
    participatieplaats_years: int = 2
    participatieplaats_extension_years: int = 1
    nazorg_months_after_hire: int = 6  # nazorg runs on after a hire ("aan het werk met nazorg")
    snooze_days: int = 30  # "done" is a pause: a reminder whose fact still holds comes back
    step_days_ahead: int = 30  # a proposal step's date at most this far after today
    step_days_back: int = 365  # and at most this far before it
    # Hours and wishes unconfirmed this long are stale (matching.stale_after_months; the rule
    # itself is matching/freshness.py, which the engine and the reminder share).
    stale_after_months: int = 6
    lead_days: Mapping[str, int] = field(default_factory=dict)

    def lead(self, kind: str) -> int:
        return self.lead_days.get(kind, 0)

    # -- snel naar werk -----------------------------------------------------------------
    @property
    def snel_choices(self) -> tuple[int, int]:
        """The two terms a consultant chooses between: standard and extended."""
        return (self.snel_months, self.snel_extended_months)

    def snel_term(self, extended: bool) -> int:
        return self.snel_extended_months if extended else self.snel_months

    # -- trial limits ---------------------------------------------------------------------
    def trial_months(self, placement_type: str) -> tuple[int, int] | None:
        """(default, at most) months of a type with a time limit; None for the other types."""
        if placement_type == "proefplaatsing":
            return self.proefplaatsing_months, self.proefplaatsing_max_months
        if placement_type == "participatieplaats":
            default = 12 * self.participatieplaats_years
            return default, default + 12 * self.participatieplaats_extension_years
        return None


def terms_from(settings: Mapping[str, Any]) -> Terms:
    """The terms from the effective settings (sections `reminders` and `placements`)."""
    reminders: Mapping[str, Any] = settings.get("reminders", {})
    placements: Mapping[str, Any] = settings.get("placements", {})
    defaults = Terms()
    numbers: dict[str, int] = {}
    for name in (
        "snel_months",
        "snel_extended_months",
        "ontwikkeling_months",
        "meedoen_evaluation_months",
        "nazorg_weeks",
        "proposal_unanswered_working_days",
        "registration_waiting_working_days",
        "nazorg_months_after_hire",
        "snooze_days",
    ):
        numbers[name] = int(reminders.get(name, getattr(defaults, name)))
    proposals: Mapping[str, Any] = settings.get("proposals", {})
    for name in ("step_days_ahead", "step_days_back"):
        numbers[name] = int(proposals.get(name, getattr(defaults, name)))
    for name in (
        "proefplaatsing_months",
        "proefplaatsing_max_months",
        "participatieplaats_years",
        "participatieplaats_extension_years",
    ):
        numbers[name] = int(placements.get(name, getattr(defaults, name)))
    lead_days = {k: int(v) for k, v in reminders.get("lead_days", {}).items()}
    stale = int(settings.get("matching", {}).get("stale_after_months", defaults.stale_after_months))
    return Terms(**numbers, stale_after_months=stale, lead_days=lead_days)


def add_working_days(day: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `day`."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def snel_deadline(terms: Terms, route: str | None, started: date | None, extended: bool) -> date | None:
    """Snel naar werk: the standard term from the route's start, the extended one when chosen."""
    if route != "snel" or started is None:
        return None
    return add_months(started, terms.snel_term(extended))


def ontwikkeling_end(terms: Terms, route: str | None, started: date | None) -> date | None:
    """Ontwikkeling naar werk lasts at most the configured term (a year)."""
    if route != "ontwikkeling" or started is None:
        return None
    return add_months(started, terms.ontwikkeling_months)


def meedoen_evaluation(
    terms: Terms, route: str | None, started: date | None, last_evaluation: date | None
) -> date | None:
    """Meedoen: evaluated a term after the start, then a term after the last evaluation."""
    if route != "meedoen" or started is None:
        return None
    since = max(started, last_evaluation) if last_evaluation else started
    return add_months(since, terms.meedoen_evaluation_months)


def route_deadline(
    terms: Terms, route: str | None, started: date | None, extended: bool, last_evaluation: date | None
) -> date | None:
    """The caseload's deadline: the date the route's own reminder is due (one per route)."""
    return (
        snel_deadline(terms, route, started, extended)
        or ontwikkeling_end(terms, route, started)
        or meedoen_evaluation(terms, route, started, last_evaluation)
    )


def trial_end(terms: Terms, placement_type: str, start: date) -> date | None:
    """The default end of a place with a time limit, from its start."""
    months = terms.trial_months(placement_type)
    return None if months is None else add_months(start, months[0])


def trial_latest_end(terms: Terms, placement_type: str, start: date) -> date | None:
    """The latest end a place with a time limit may have, from its start."""
    months = terms.trial_months(placement_type)
    return None if months is None else add_months(start, months[1])


def trial_limit_message(terms: Terms, placement_type: str, *, from_start: bool = False) -> str:
    """The Dutch sentence naming the type's limit."""
    months = terms.trial_months(placement_type)
    assert months is not None
    since = " vanaf de start" if from_start else ""
    if placement_type == "proefplaatsing":
        return f"Een proefplaatsing duurt hoogstens {months[1]} maanden{since}."
    years = months[1] // 12
    extension = "met verlenging" if from_start else "inclusief verlenging"
    return f"Een participatieplaats duurt hoogstens {years} jaar{since} ({extension})."
