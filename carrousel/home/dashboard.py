"""The figures on each role's start page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import select

from ..auth.account import Account
from ..db import get_session
from ..models import Organisation, Placement, User
from .counts import counts_for


def dashboard_for(account: Account) -> dict[str, Any]:
    session = get_session()
    figures: dict[str, Any] = {}
    if account.role in ("employer", "location") and account.organisation_id:
        figures["organisation"] = session.get(Organisation, account.organisation_id)
        figures["open_placements"] = session.exec(
            select(func.count())
            .select_from(Placement)
            .where(Placement.organisation_id == account.organisation_id, Placement.status == "open")
        ).one()
    if account.role == "admin":
        figures["users"] = session.exec(select(func.count()).select_from(User)).one()
    return {"figures": figures, "counts": counts_for(session, account)}
