"""The goal figures by the definitions of DOMAIN.md (*The carousel's goals*), for any day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from ..models import Organisation, Placement, Proposal, Resident, ResidentActivity


@dataclass(frozen=True)
class Figures:
    employers: int
    locations: int
    residents: int
    participating: int
    classified: int
    ontheffing: int

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
    living = col(Resident.erased_at).is_(None)
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
    )
