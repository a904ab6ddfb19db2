"""Operations: the `retention` job deletes catalogue interest messages after catalogue.retention_days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.config import DEFAULTS
from carrousel.db import unit_of_work
from carrousel.jobs.runner import run_job
from carrousel.models import InterestMessage

TODAY = date(2026, 12, 7)


def _message(app: Flask, placement: int, organisation: int, days_old: int) -> None:
    with unit_of_work(app) as session:
        session.add(
            InterestMessage(
                placement_id=placement,
                organisation_id=organisation,
                name=f"Bezoeker {days_old}",
                contact="06 12345678",
                consent_text="Ik geef toestemming.",
                sender_key="x" * 64,
                created_at=datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) - timedelta(days=days_old),
            )
        )


@pytest.mark.parametrize("keep_days", [90, 30])
def test_interest_messages_older_than_the_retention_period_are_deleted(
    app: Flask,
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
    keep_days: int,
) -> None:
    monkeypatch.setitem(app.config["CARROUSEL"]["catalogue"], "retention_days", keep_days)
    organisation = make_organisation()
    placement = make_placement(organisation)
    for days_old in (0, keep_days - 1, keep_days, keep_days + 1, 400):
        _message(app, placement, organisation, days_old)
    result = run_job(app, "retention", TODAY)
    assert result.outcome == "done" and result.summary == {"interest_deleted": 2}
    with unit_of_work(app) as session:
        names = sorted(m.name for m in session.exec(select(InterestMessage)).all())
    assert names == sorted(f"Bezoeker {d}" for d in (0, keep_days - 1, keep_days))
    assert run_job(app, "retention", TODAY).outcome == "skipped"  # once per day, like every job


def test_the_default_keeps_ninety_days() -> None:
    assert DEFAULTS["catalogue"]["retention_days"] == 90
