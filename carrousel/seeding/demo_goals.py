"""Thirty days of goal snapshots for the demo, so /doelen shows its charts at once.

The demo is loaded in one go, so it has no past of its own: the history climbs from about
two thirds of today's figures to today's, the way a carousel that is being built up would.
The real daily job (goal_snapshot) adds a true snapshot each day after this.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, select

from ..goals.measures import goal_figures
from ..models import GoalSnapshot

DAYS = 30


def seed_goal_history(session: Session, settings: dict[str, Any], today: date) -> int:
    """One snapshot for each of the last DAYS days before today that has none; answers how many."""
    now = goal_figures(session, settings, today)
    have = set(session.exec(select(GoalSnapshot.day)).all())  # type: ignore[call-overload]
    made = 0
    for back in range(DAYS, 0, -1):
        day = today - timedelta(days=back)
        if day in have:
            continue
        grown = 2 / 3 + (1 / 3) * (DAYS - back) / DAYS  # 67% thirty days ago, nearly 100% yesterday

        def part(value: int, factor: float = grown) -> int:
            return min(value, round(value * factor))

        residents = now.residents
        participating, classified = part(now.participating), part(now.classified)
        ontheffing = now.ontheffing  # the exemptions run on; they do not grow with the carousel
        session.add(
            GoalSnapshot(
                day=day,
                employers=part(now.employers),
                locations=part(now.locations),
                residents=residents,
                participating=participating,
                classified=classified,
                ontheffing=ontheffing,
                participation_share=participating / residents if residents else 0.0,
                classified_share=classified / residents if residents else 0.0,
                ontheffing_share=ontheffing / residents if residents else 0.0,
            )
        )
        made += 1
    session.flush()
    return made
