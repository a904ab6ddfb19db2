"""Progress towards the carousel's goals (DOMAIN.md, The carousel's goals).

A target whose date has passed is judged on the snapshot of that day, never on today's count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from .measures import (
    Figures,
    approved_organisations,
    goal_figures,
    open_placement_organisations,
    outflow_by_month,
    outflow_by_reason,
)
from .measures import recently_started_organisations as started_recently
from .snapshots import snapshot_of


@dataclass
class ConnectedOrganisation:
    id: int
    name: str
    kind: str
    why: str


@dataclass
class GoalProgress:
    connected: dict[str, list[ConnectedOrganisation]] = field(default_factory=dict)
    to_chase: list[ConnectedOrganisation] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    residents: dict[str, Any] = field(default_factory=dict)
    outflow: dict[str, Any] = field(default_factory=dict)


def connected_organisations(
    session: Session, today: date
) -> tuple[list[ConnectedOrganisation], list[ConnectedOrganisation]]:
    """Approved and connected (a placement open now, or a start in the last twelve months); and the rest."""
    open_now = open_placement_organisations(session, today)
    recent = started_recently(session, today)
    connected: list[ConnectedOrganisation] = []
    to_chase: list[ConnectedOrganisation] = []
    for o in approved_organisations(session):
        assert o.id is not None  # a stored row
        if o.id in open_now:
            connected.append(ConnectedOrganisation(o.id, o.name, o.kind, "open werkplek"))
        elif o.id in recent:
            connected.append(ConnectedOrganisation(o.id, o.name, o.kind, "gestart in de afgelopen 12 maanden"))
        else:
            to_chase.append(
                ConnectedOrganisation(o.id, o.name, o.kind, "geen open werkplek en geen start in 12 maanden")
            )
    return connected, to_chase


def _judge(session: Session, day: date, today: date, live: Figures) -> tuple[Any, str]:
    """The figures a dated target is judged on: today's, or the snapshot of its (passed) date."""
    if day >= today:
        return live, "today"
    snapshot = snapshot_of(session, day)
    return (snapshot, "snapshot") if snapshot is not None else (None, "missing")


def _count(target: int, actual: int | None) -> dict[str, Any]:
    return {"target": target, "actual": actual, "met": None if actual is None else actual >= target}


def _share(target: float, actual: float | None) -> dict[str, Any]:
    actual = None if actual is None else round(actual, 3)
    return {"target": target, "actual": actual, "met": None if actual is None else actual >= target}


def goal_progress(session: Session, settings: dict[str, Any], today: date | None = None) -> GoalProgress:
    today = today or date.today()
    goals = settings["goals"]
    live = goal_figures(session, settings, today)
    connected, to_chase = connected_organisations(session, today)
    progress = GoalProgress(to_chase=to_chase)
    progress.connected = {kind: [c for c in connected if c.kind == kind] for kind in ("employer", "location")}
    for target in sorted(goals["targets"], key=lambda t: str(t["date"])):
        day = date.fromisoformat(str(target["date"]))
        figures, judged_on = _judge(session, day, today, live)
        progress.targets.append(
            {
                "date": str(target["date"]),
                "employers": _count(int(target["employers"]), figures.employers if figures else None),
                "locations": _count(int(target["locations"]), figures.locations if figures else None),
                "passed": day < today,
                "judged_on": judged_on,
            }
        )
    shares = []
    for name, key, target_share in (
        ("participation", "participation_by", float(goals["participation_share"])),
        ("classified", "classified_half_by", 0.5),
        ("classified", "classified_all_by", 1.0),
    ):
        day = date.fromisoformat(str(goals[key]))
        figures, judged_on = _judge(session, day, today, live)
        actual = getattr(figures, f"{name}_share") if figures else None
        shares.append(
            {
                "goal": name,
                "date": str(day),
                "passed": day < today,
                "judged_on": judged_on,
                **_share(target_share, actual),
            }
        )
    progress.residents = {
        "total": live.residents,
        "participation": {"count": live.participating, "share": round(live.participation_share, 3)},
        "classified": {"count": live.classified, "share": round(live.classified_share, 3)},
        "ontheffing": {
            "count": live.ontheffing,
            "share": round(live.ontheffing_share, 3),
            "benchmark": float(goals["ontheffing_benchmark"]),
        },
        "dated": shares,
    }
    progress.outflow = {"year": today.year, "by_reason": outflow_by_reason(session, today)}
    return progress


def outflow_months(session: Session, today: date | None = None) -> list[tuple[int, dict[str, int]]]:
    """The outflow of this year per month and reason: the table on /doelen."""
    return outflow_by_month(session, today or date.today())
