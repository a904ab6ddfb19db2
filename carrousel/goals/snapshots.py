"""The daily `goal_snapshot` job and the history it builds."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from sqlmodel import Session, select

from ..db import unit_of_work
from ..models import GoalSnapshot
from ..settings.store import effective_settings
from .measures import goal_figures


def take_snapshot(session: Session, settings: dict[str, Any], today: date) -> GoalSnapshot:
    """The figures of `today`, once: a second call for the same day returns the first."""
    existing = session.exec(select(GoalSnapshot).where(GoalSnapshot.day == today)).first()
    if existing is not None:
        return existing
    f = goal_figures(session, settings, today)
    snapshot = GoalSnapshot(
        day=today,
        employers=f.employers,
        locations=f.locations,
        residents=f.residents,
        participating=f.participating,
        classified=f.classified,
        ontheffing=f.ontheffing,
        participation_share=f.participation_share,
        classified_share=f.classified_share,
        ontheffing_share=f.ontheffing_share,
        outflow_year_to_date=f.outflow_year_to_date,
    )
    session.add(snapshot)
    session.flush()
    return snapshot


def run_goal_snapshot(app: Flask, today: date) -> dict[str, Any]:
    with unit_of_work(app) as session:
        s = take_snapshot(session, effective_settings(session, app.config["CARROUSEL"]), today)
        return {"employers": s.employers, "locations": s.locations, "residents": s.residents}


def history(session: Session, start: date | None, end: date | None) -> list[GoalSnapshot]:
    query = select(GoalSnapshot).order_by(GoalSnapshot.day)  # type: ignore[arg-type]
    if start:
        query = query.where(GoalSnapshot.day >= start)
    if end:
        query = query.where(GoalSnapshot.day <= end)
    return list(session.exec(query).all())


def snapshot_of(session: Session, day: date) -> GoalSnapshot | None:
    return session.exec(select(GoalSnapshot).where(GoalSnapshot.day == day)).first()
