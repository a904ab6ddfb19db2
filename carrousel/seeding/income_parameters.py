"""The shipped parameter table of benefit counselling (seed/income-parameters.json), with its sources."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session, select

from ..models import IncomeParameters
from ..paths import SEED_DIR


def load_parameters(session: Session) -> int:
    """Add the shipped periods that the table lacks (an admin's own figures stay); returns how many."""
    seed = json.loads((SEED_DIR / "income-parameters.json").read_text(encoding="utf-8"))
    have = {row.period_start for row in session.exec(select(IncomeParameters)).all()}
    added = 0
    for period in seed["periods"]:
        start = date.fromisoformat(period["period_start"])
        if start in have:
            continue
        session.add(
            IncomeParameters(
                period_start=start,
                figures=period["figures"],
                sources=period["sources"],
                unconfirmed=period["unconfirmed"],
            )
        )
        added += 1
    session.flush()
    return added
