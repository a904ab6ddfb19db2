"""Age on a given day, from an exact birth date or, failing that, a birth year alone."""

from __future__ import annotations

from datetime import date


def day_turning(age: int, birth_date: date | None, birth_year: int | None) -> date | None:
    """The first day on which a resident certainly is `age` years old, or None when unknown.

    With a birth date that is the birthday; with only a birth year it is 1 January of the
    following year (born in 1999: certainly 27 from 1 January 2027), so that nobody counts
    as older than they may be (Participatiewet art. 10a: nobody of 26 on a participatieplaats).
    """
    if birth_date is not None:
        year = birth_date.year + age
        try:
            return birth_date.replace(year=year)
        except ValueError:  # born on 29 February: a year older on 1 March in a common year
            return date(year, 3, 1)
    if birth_year:
        return date(birth_year + age + 1, 1, 1)
    return None
