"""The goal figures by the definitions of DOMAIN.md (*The carousel's goals*), for any day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from ..models import Organisation, Placement, Proposal, Resident, ResidentActivity
from ..models.residents import OUTFLOW_REASONS


@dataclass(frozen=True)
class Figures:
    employers: int
    locations: int
    residents: int
    participating: int
    classified: int
    ontheffing: int
    outflow_year_to_date: int = 0

    def share(self, count: int) -> float:
        return count / self.residents if self.residents else 0.0

    @property
    def participation_share(self) -> float:
        return self.share(self.participating)

    @property
    def classified_share(self) -> float:
        return self.share(self.classified)

    @property
    def ontheffing_share(self) -> float:
        return self.share(self.ontheffing)


def open_placement_organisations(session: Session, today: date) -> set[int]:
    return set(
        session.exec(
            select(Placement.organisation_id).where(
                Placement.status == "open",
                or_(col(Placement.start_date).is_(None), col(Placement.start_date) <= today),
                or_(col(Placement.end_date).is_(None), col(Placement.end_date) >= today),
            )
        ).all()
    )


def recently_started_organisations(session: Session, today: date) -> set[int]:
    """A resident started on one of its placements in the last twelve months."""
    year_ago = today - timedelta(days=365)
    started = set(
        session.exec(
            select(Proposal.organisation_id).where(
                col(Proposal.started_on).is_not(None),
                col(Proposal.started_on) >= year_ago,
                col(Proposal.started_on) <= today,
            )
        ).all()
    )
    # Placements filled before proposals existed keep counting by the moment they were filled.
    since = datetime.combine(year_ago, datetime.min.time(), tzinfo=UTC)
    filled = set(
        session.exec(
            select(Placement.organisation_id).where(Placement.status == "filled", col(Placement.filled_at) >= since)
        ).all()
    )
    return started | filled


def approved_organisations(session: Session) -> list[Organisation]:
    return list(session.exec(select(Organisation).where(Organisation.status == "approved").order_by(Organisation.name)))


def participating_residents(session: Session, settings: dict[str, Any], today: date) -> set[int]:
    """An unpaid placement started and not ended, or a self-arranged activity that runs today."""
    types = list(settings["placement_types"])
    by_placement = session.exec(
        select(Proposal.resident_id)
        .join(Placement, col(Placement.id) == Proposal.placement_id)
        .where(
            col(Placement.type).in_(types),
            col(Proposal.status).in_(("started", "ended")),
            col(Proposal.started_on) <= today,
            or_(col(Proposal.ended_on).is_(None), col(Proposal.ended_on) > today),
            # Past its end date a place counts as participation no longer (the consultant gets trial_overdue).
            or_(col(Proposal.end_date).is_(None), col(Proposal.end_date) >= today),
        )
    ).all()
    by_activity = session.exec(
        select(ResidentActivity.resident_id).where(
            col(ResidentActivity.kind).in_(list(settings["activity_kinds"])),
            ResidentActivity.starts_on <= today,
            or_(col(ResidentActivity.ends_on).is_(None), col(ResidentActivity.ends_on) >= today),
        )
    ).all()
    return set(by_placement) | set(by_activity)


def goal_figures(session: Session, settings: dict[str, Any], today: date) -> Figures:
    """Connected employers and locations and the resident counts; erased residents count in no share."""
    connected_ids = open_placement_organisations(session, today) | recently_started_organisations(session, today)
    kinds = [o.kind for o in approved_organisations(session) if o.id in connected_ids]
    # A closed case has left the caseload: it counts in no share (its outflow is counted apart).
    living = col(Resident.erased_at).is_(None) & (col(Resident.case_status) == "open")
    residents = set(session.exec(select(Resident.id).where(living)).all())

    def count(*where: Any) -> int:
        return int(session.exec(select(func.count()).select_from(Resident).where(living, *where)).one())

    return Figures(
        employers=kinds.count("employer"),
        locations=kinds.count("location"),
        residents=len(residents),
        participating=len(participating_residents(session, settings["participation"], today) & residents),
        classified=count(col(Resident.route).is_not(None)),
        ontheffing=count(col(Resident.ontheffing_until) >= today),
        outflow_year_to_date=sum(outflow_by_reason(session, today).values()),
    )


def _closed_this_year(today: date) -> Any:
    return (
        (col(Resident.case_status) == "closed")
        & col(Resident.erased_at).is_(None)
        & (col(Resident.closed_on) >= date(today.year, 1, 1))
        & (col(Resident.closed_on) <= today)
    )


def outflow_by_reason(session: Session, today: date) -> dict[str, int]:
    """Cases closed from 1 January up to `today`, per outflow reason (every reason, 0 included)."""
    rows = session.exec(
        select(col(Resident.outflow_reason), func.count())
        .where(_closed_this_year(today))
        .group_by(col(Resident.outflow_reason))
    ).all()
    found: dict[str, int] = {str(reason): int(n) for reason, n in rows if reason}
    return {reason: found.get(reason, 0) for reason in OUTFLOW_REASONS}


def outflow_by_month(session: Session, today: date) -> list[tuple[int, dict[str, int]]]:
    """This year's outflow per month up to `today`, each month per reason."""
    months: list[tuple[int, dict[str, int]]] = [
        (m, dict.fromkeys(OUTFLOW_REASONS, 0)) for m in range(1, today.month + 1)
    ]
    for closed_on, reason in session.exec(
        select(col(Resident.closed_on), col(Resident.outflow_reason)).where(_closed_this_year(today))
    ).all():
        if closed_on is not None and reason in OUTFLOW_REASONS:
            months[closed_on.month - 1][1][reason] += 1
    return months
