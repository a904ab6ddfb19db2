"""One place that turns untrusted text into numbers and dates the database can hold.

`str.isdigit()` accepts "²" and "١٢", which `int()` then refuses or reads as a number nobody
typed; a number beyond the database integer makes the driver raise instead of the query
answering "none". Every id, page, limit and hours value from a request goes through here.
"""

from __future__ import annotations

from datetime import date

DB_INT_MAX = 2**31 - 1  # PostgreSQL `integer`, the type of every id and count column
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)  # far enough for any term, near enough that adding months cannot overflow


def parse_int(raw: str | None, *, low: int = 0, high: int = DB_INT_MAX) -> int | None:
    """The ASCII decimal in raw when it lies in [low, high]; None for anything else."""
    text = (raw or "").strip()
    if not text or len(text) > 12 or not text.isascii() or not text.lstrip("-").isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def in_date_range(value: date) -> bool:
    return FIRST_DATE <= value <= LAST_DATE


LIKE_ESCAPE = "\\"


def contains_pattern(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere, lower-cased, with `%` and `_` matched literally.

    Use with `.like(pattern, escape=LIKE_ESCAPE)`: a search for "50%" finds "50%", not everything.
    """
    escaped = text.lower().replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", r"\%").replace("_", r"\_")
    return f"%{escaped}%"
