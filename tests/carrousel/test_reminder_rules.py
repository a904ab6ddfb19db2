"""Each reminder kind at its boundary day: the day before it appears nothing, on the day it does.
Pure functions on plain data with the plan's numbers from the configuration's defaults."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carrousel.config import DEFAULTS
from carrousel.reminders import rules
from carrousel.reminders.rules import add_working_days, shows
from carrousel.terms import terms_from

TERMS = terms_from(DEFAULTS)
START = date(2026, 1, 15)


def appears_on(kind: str, due: date | None) -> date:
    assert due is not None
    return due - timedelta(days=TERMS.lead(kind))


def test_the_defaults_are_the_plans_numbers() -> None:
    assert (TERMS.snel_months, TERMS.ontwikkeling_months, TERMS.meedoen_evaluation_months) == (3, 12, 12)
    assert TERMS.proposal_unanswered_working_days == 10
    assert set(TERMS.lead_days) == set(rules.KINDS)


@pytest.mark.parametrize(
    ("extended", "due"),
    [(False, date(2026, 4, 15)), (True, date(2026, 7, 15))],
    ids=["in-principe-3", "chosen-6"],
)
def test_snel_deadline_is_3_months_or_6_when_chosen(extended: bool, due: date) -> None:
    assert (TERMS.snel_months, TERMS.snel_extended_months) == (3, 6)
    assert rules.snel_deadline(TERMS, "snel", START, extended) == due
    first = appears_on("snel_deadline", due)
    assert not shows("snel_deadline", due, first - timedelta(days=1), TERMS)
    assert shows("snel_deadline", due, first, TERMS)
    assert rules.snel_deadline(TERMS, "meedoen", START, extended) is None


def test_ontwikkeling_ends_after_a_year() -> None:
    due = rules.ontwikkeling_end(TERMS, "ontwikkeling", START)
    assert due == date(2027, 1, 15)
    assert not shows("ontwikkeling_end", due, date(2026, 12, 15), TERMS)
    assert shows("ontwikkeling_end", due, date(2026, 12, 16), TERMS)  # 30 days' lead


def test_meedoen_is_evaluated_after_a_year_then_a_year_after_the_last_evaluation() -> None:
    assert rules.meedoen_evaluation(TERMS, "meedoen", START, None) == date(2027, 1, 15)
    # An evaluation recorded on 1 December 2026 starts the next term from that date.
    due = rules.meedoen_evaluation(TERMS, "meedoen", START, date(2026, 12, 1))
    assert due == date(2027, 12, 1)
    assert not shows("meedoen_evaluation", due, date(2027, 10, 31), TERMS)
    assert shows("meedoen_evaluation", due, date(2027, 11, 1), TERMS)


def test_ontheffing_is_reassessed_before_its_end_and_a_reassessment_settles_it() -> None:
    until = date(2026, 6, 30)
    assert rules.ontheffing_end(until, None, TERMS) == until
    assert not shows("ontheffing_end", until, date(2026, 5, 30), TERMS)
    assert shows("ontheffing_end", until, date(2026, 5, 31), TERMS)
    # Re-assessed within the lead time: nothing due. Re-assessed long before: due again.
    assert rules.ontheffing_end(until, date(2026, 5, 31), TERMS) is None
    assert rules.ontheffing_end(until, date(2026, 5, 30), TERMS) == until
    assert rules.ontheffing_end(None, None, TERMS) is None


def test_every_resident_is_contacted_once_a_calendar_year() -> None:
    due = rules.no_contact_this_year(date(2025, 12, 31), date(2026, 11, 16))
    assert due == date(2026, 12, 31)
    assert not shows("no_contact_this_year", due, date(2026, 11, 15), TERMS)  # 45 days' lead
    assert shows("no_contact_this_year", due, date(2026, 11, 16), TERMS)
    assert rules.no_contact_this_year(date(2026, 1, 1), date(2026, 11, 16)) is None
    assert rules.no_contact_this_year(None, date(2026, 11, 16)) == due


@pytest.mark.parametrize("placement_type", ["proefplaatsing", "participatieplaats"])
def test_a_started_trial_reminds_before_its_end_date(placement_type: str) -> None:
    end = date(2026, 4, 15)
    assert rules.trial_ending(placement_type, "started", end) == end
    assert not shows("trial_ending", end, date(2026, 3, 31), TERMS)
    assert shows("trial_ending", end, date(2026, 4, 1), TERMS)  # 14 days' lead
    assert rules.trial_ending(placement_type, "ended", end) is None
    assert rules.trial_ending("regulier", "started", end) is None


def test_nazorg_every_six_weeks_from_the_start_or_the_last_check() -> None:
    due = rules.nazorg_check("started", START, None, TERMS)
    assert due == START + timedelta(weeks=6)
    assert not shows("nazorg_check", due, due - timedelta(days=1), TERMS)
    assert shows("nazorg_check", due, due, TERMS)
    assert rules.nazorg_check("started", START, date(2026, 3, 1), TERMS) == date(2026, 4, 12)
    assert rules.nazorg_check("ended", START, None, TERMS) is None


def test_a_proposal_unanswered_for_10_working_days_goes_back_to_the_adviser() -> None:
    friday = date(2026, 11, 6)
    due = rules.proposal_unanswered("consented", friday, answered=False, terms=TERMS)
    assert due == date(2026, 11, 20)  # two weeks of working days; the weekends do not count
    assert not shows("proposal_unanswered", due, date(2026, 11, 19), TERMS)
    assert shows("proposal_unanswered", due, date(2026, 11, 20), TERMS)
    assert rules.proposal_unanswered("consented", friday, answered=True, terms=TERMS) is None
    assert rules.proposal_unanswered("introduced", friday, answered=False, terms=TERMS) is None


def test_a_waiting_registration_reminds_the_advisers_after_5_working_days() -> None:
    monday = date(2026, 11, 23)
    due = rules.registration_waiting("pending", monday, TERMS)
    assert due == date(2026, 11, 30)
    assert not shows("registration_waiting", due, date(2026, 11, 29), TERMS)
    assert shows("registration_waiting", due, due, TERMS)
    assert rules.registration_waiting("approved", monday, TERMS) is None


def test_working_days_skip_weekends() -> None:
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday -> Monday
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Saturday -> Monday
