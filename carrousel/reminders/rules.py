"""When each reminder is due: plain functions on plain data, one per kind (DOMAIN.md, *Time in
the carousel*). Each returns the due date, or None when nothing is due; `shows` decides from
which day it appears (the lead time). No Flask, no database: easy to test at the boundary day.
The terms themselves (and the route's deadlines) are defined once, in `carrousel/terms.py`."""

from __future__ import annotations

from datetime import date, timedelta

from .. import terms as terms_module
from ..dates import add_months
from ..terms import TRIAL_TYPES, Terms, add_working_days

__all__ = ["TRIAL_TYPES", "Terms", "add_working_days"]  # and the rules below

# kind -> (who must act, Dutch label). The order is the order of the list and the e-mail.
KINDS: dict[str, tuple[str, str]] = {
    "snel_deadline": ("consultant", "Deadline snel naar werk"),
    "ontwikkeling_end": ("consultant", "Einde ontwikkeltraject"),
    "meedoen_evaluation": ("consultant", "Evaluatie meedoen"),
    "ontheffing_end": ("consultant", "Ontheffing herbeoordelen"),
    "no_contact_this_year": ("consultant", "Nog geen contact dit jaar"),
    "trial_ending": ("consultant", "Einde proefplaatsing of participatieplaats"),
    "nazorg_check": ("consultant", "Nazorg"),
    "consent_withdrawn": ("consultant", "Toestemming ingetrokken"),
    "resident_stale": ("consultant", "Uren en wensen niet bevestigd"),
    "proposal_unanswered": ("adviser", "Voorstel onbeantwoord"),
    "registration_waiting": ("adviser", "Aanmelding wacht op beoordeling"),
    "proposal_no_longer_fits": ("consultant", "Voorstel past niet meer"),
    "trial_overdue": ("consultant", "Plaatsing voorbij de einddatum"),
}
# Made when something happens (a re-check), not by the daily rules: only "done" ends them.
EVENT_KINDS = frozenset({"proposal_no_longer_fits"})


def shows(kind: str, due_on: date, today: date, terms: Terms) -> bool:
    """A reminder appears `lead_days` before its due date and stays until it is resolved."""
    return today >= due_on - timedelta(days=terms.lead(kind))


# The route's own reminders fall on the caseload's deadline: one definition, in `terms`.
snel_deadline = terms_module.snel_deadline
ontwikkeling_end = terms_module.ontwikkeling_end
meedoen_evaluation = terms_module.meedoen_evaluation


def ontheffing_end(until: date | None, last_reassessment: date | None, terms: Terms) -> date | None:
    """An ontheffing is re-assessed before its end date; a re-assessment in the lead time settles it."""
    if until is None:
        return None
    if last_reassessment is not None and last_reassessment >= until - timedelta(days=terms.lead("ontheffing_end")):
        return None
    return until


def no_contact_this_year(last_contact: date | None, today: date) -> date | None:
    """Every resident is contacted at least once a calendar year (Nijkerk): due on 31 December."""
    if last_contact is not None and last_contact.year >= today.year:
        return None
    return date(today.year, 12, 31)


def resident_stale(confirmed_on: date | None, terms: Terms) -> date | None:
    """The day a resident's hours and wishes turn stale: unconfirmed for `stale_after_months`."""
    if confirmed_on is None:
        return None
    return add_months(confirmed_on, terms.stale_after_months) + timedelta(days=1)


def trial_ending(placement_type: str, status: str, end_date: date | None) -> date | None:
    """A started proefplaatsing or participatieplaats runs until its end date."""
    if placement_type not in TRIAL_TYPES or status != "started" or end_date is None:
        return None
    return end_date


def trial_overdue(placement_type: str, status: str, end_date: date | None) -> date | None:
    """Still started the day after its end date: no longer participation, the consultant decides."""
    if placement_type not in TRIAL_TYPES or status != "started" or end_date is None:
        return None
    return end_date + timedelta(days=1)


def nazorg_check(
    status: str,
    started: date | None,
    last_nazorg: date | None,
    terms: Terms,
    hired_on: date | None = None,
) -> date | None:
    """Nazorg: the consultant checks every few weeks whether the place still fits; after a hire it
    runs on for `nazorg_months_after_hire` (the plan's "aan het werk met nazorg")."""
    if status == "ended" and hired_on is not None:
        since = max(hired_on, last_nazorg) if last_nazorg else hired_on
        due = since + timedelta(weeks=terms.nazorg_weeks)
        return due if due <= add_months(hired_on, terms.nazorg_months_after_hire) else None
    if status != "started" or started is None:
        return None
    since = max(started, last_nazorg) if last_nazorg else started
    return since + timedelta(weeks=terms.nazorg_weeks)


def proposal_unanswered(status: str, waiting_since: date | None, answered: bool, terms: Terms) -> date | None:
    """Unanswered by the organisation for 10 working days: back to the adviser."""
    if status != "consented" or waiting_since is None or answered:
        return None
    return add_working_days(waiting_since, terms.proposal_unanswered_working_days)


def registration_waiting(status: str, registered_on: date, terms: Terms) -> date | None:
    """A registration still pending after a few working days: the advisers assess it."""
    if status != "pending":
        return None
    return add_working_days(registered_on, terms.registration_waiting_working_days)
