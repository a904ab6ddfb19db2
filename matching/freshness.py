"""Freshness of a resident's profile (DOMAIN.md *The resident takes part*).

Hours and wishes that nobody confirmed for `months` are stale: the national
Kandidatenverkenner failed on such profiles. A stale resident is ranked lower (the factor
`actueel`), never hidden.
"""

from __future__ import annotations

import calendar
from datetime import date

STALE_AFTER_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_cutoff(today: date, months: int = STALE_AFTER_MONTHS) -> date:
    """Confirmed before this day: stale today."""
    return months_before(today, months)


def is_stale(confirmed_on: date | None, today: date, months: int = STALE_AFTER_MONTHS) -> bool:
    """Older than `months` on `today`; a profile without a date is not called stale."""
    return confirmed_on is not None and confirmed_on < stale_cutoff(today, months)
