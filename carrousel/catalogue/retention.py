"""The daily `retention` job: interest messages from the public catalogue are kept for a while only.

A visitor's name, contact and message are personal data given for one purpose (a location
answers them); AVG art. 5(1)(e) asks that they go once that purpose is served. After
`catalogue.retention_days` (default 90) they are deleted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import delete
from sqlmodel import Session

from ..db import unit_of_work
from ..models import InterestMessage


def delete_old_interest(session: Session, *, today: date, keep_days: int) -> int:
    """Delete the messages received before `today - keep_days`; how many went."""
    cutoff = datetime.combine(today - timedelta(days=keep_days), time.min, tzinfo=UTC)
    result = session.exec(
        delete(InterestMessage).where(InterestMessage.created_at < cutoff)  # type: ignore[arg-type]
    )
    session.flush()
    return int(result.rowcount or 0)


def run_retention(app: Flask, today: date) -> dict[str, Any]:
    keep_days = int(app.config["CARROUSEL"]["catalogue"]["retention_days"])
    with unit_of_work(app) as session:
        return {"interest_deleted": delete_old_interest(session, today=today, keep_days=keep_days)}
