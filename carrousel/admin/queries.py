"""What functioneel beheer reads: accounts with their organisation."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..models import Organisation, Resident, User


def list_users(session: Session, *, offset: int, limit: int) -> tuple[list[tuple[User, str | None]], int]:
    """Accounts, newest first, each with its organisation's name (None for municipal roles)."""
    total = session.exec(select(func.count()).select_from(User)).one()
    rows = session.exec(
        select(User, Organisation.name)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)  # type: ignore[arg-type]
        .order_by(User.id.desc())  # type: ignore[union-attr]
        .offset(offset)
        .limit(limit)
    ).all()
    return [(user, name) for user, name in rows], total


def user_counts(session: Session) -> dict[str, int]:
    """Active and deactivated accounts, for the start page of functioneel beheer."""
    rows = session.exec(select(User.active, func.count()).group_by(col(User.active))).all()
    counts = {bool(active): int(n) for active, n in rows}
    return {"active": counts.get(True, 0), "inactive": counts.get(False, 0)}


def approved_organisations(session: Session) -> list[Organisation]:
    """The organisations an employer or location account may belong to."""
    return list(session.exec(select(Organisation).where(Organisation.status != "rejected").order_by(Organisation.name)))


def caseload_size(session: Session, user_id: int) -> int:
    """The residents (not erased) whose own consultant this user is."""
    return int(
        session.exec(
            select(func.count())
            .select_from(Resident)
            .where(Resident.consultant_id == user_id, col(Resident.erased_at).is_(None))
        ).one()
    )


def successors(session: Session, user_id: int) -> list[User]:
    """The active consultants who can take this user's caseload over."""
    return list(
        session.exec(
            select(User)
            .where(User.role == "consultant", col(User.active).is_(True), User.id != user_id)
            .order_by(col(User.name), col(User.email))
        ).all()
    )
