"""Progress towards the carousel's goals (DOMAIN.md, The carousel's goals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from ..models import Organisation, Placement, Resident


@dataclass
class ConnectedOrganisation:
    id: int
    name: str
    kind: str
    why: str


@dataclass
class GoalProgress:
    connected: dict[str, list[ConnectedOrganisation]] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)
    residents: dict[str, Any] = field(default_factory=dict)


def connected_organisations(session: Session, today: date) -> list[ConnectedOrganisation]:
    """Approved, with a placement that is open now or was filled in the last twelve months."""
    year_ago = datetime.combine(today - timedelta(days=365), datetime.min.time(), tzinfo=UTC)
    open_now = set(
        session.exec(
            select(Placement.organisation_id).where(
                Placement.status == "open", or_(Placement.end_date.is_(None), Placement.end_date >= today)
            )
        ).all()
    )  # type: ignore[union-attr, operator]
    filled_recently = set(
        session.exec(
            select(Placement.organisation_id).where(Placement.status == "filled", Placement.filled_at >= year_ago)
        ).all()
    )  # type: ignore[operator]
    organisations = session.exec(
        select(Organisation)
        .where(Organisation.status == "approved", Organisation.id.in_(open_now | filled_recently))  # type: ignore[union-attr]
        .order_by(Organisation.name)
    ).all()
    return [
        ConnectedOrganisation(
            o.id,
            o.name,
            o.kind,  # type: ignore[arg-type]
            "open werkplek" if o.id in open_now else "vervuld in de afgelopen 12 maanden",
        )
        for o in organisations
    ]


def goal_progress(session: Session, settings: dict[str, Any], today: date | None = None) -> GoalProgress:
    today = today or date.today()
    connected = connected_organisations(session, today)
    progress = GoalProgress()
    progress.connected = {
        "employer": [c for c in connected if c.kind == "employer"],
        "location": [c for c in connected if c.kind == "location"],
    }
    counts = {kind: len(items) for kind, items in progress.connected.items()}
    for target in settings["targets"]:
        progress.targets.append(
            {
                "date": str(target["date"]),
                "employers": {
                    "target": int(target["employers"]),
                    "actual": counts["employer"],
                    "met": counts["employer"] >= int(target["employers"]),
                },
                "locations": {
                    "target": int(target["locations"]),
                    "actual": counts["location"],
                    "met": counts["location"] >= int(target["locations"]),
                },
                "passed": date.fromisoformat(str(target["date"])) < today,
            }
        )
    progress.residents = _resident_counts(session, settings, today)
    return progress


def _resident_counts(session: Session, settings: dict[str, Any], today: date) -> dict[str, Any]:
    # Erased residents count in no share (DOMAIN.md); their anonymous row only serves the proposals.
    alive = Resident.erased_at.is_(None)  # type: ignore[union-attr]
    total = session.exec(select(func.count()).select_from(Resident).where(alive)).one()
    classified = session.exec(select(func.count()).where(alive, Resident.route.is_not(None))).one()  # type: ignore[union-attr]
    participating = session.exec(select(func.count()).where(alive, Resident.ladder_now >= 3)).one()  # type: ignore[operator]
    exempt = session.exec(select(func.count()).where(alive, Resident.ontheffing_until >= today)).one()  # type: ignore[operator]

    def share(n: int) -> float:
        return round(n / total, 3) if total else 0.0

    return {
        "total": total,
        "classified": {
            "count": classified,
            "share": share(classified),
            "half_by": settings["classified_half_by"],
            "all_by": settings["classified_all_by"],
        },
        "participation": {
            "count": participating,
            "share": share(participating),
            "target": settings["participation_share"],
        },
        "ontheffing": {"count": exempt, "share": share(exempt), "benchmark": settings.get("ontheffing_benchmark")},
    }
