"""Reads on the access log: filters, and rows in the words and time an administrator reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import false, func, or_
from sqlmodel import Session, select

from ..audit import SELF, ids_of
from ..models import AccessLog, Resident, User
from ..parsing import LIKE_ESCAPE, contains_pattern
from ..pseudonyms import as_organisation_code, residents_behind
from ..wording import field_label

LOCAL = ZoneInfo("Europe/Amsterdam")
LOOKUP_CHUNK = 5_000
MAX_SEARCH_RESIDENTS = 200  # a search that matches more residents than this is too broad to be useful

ACTIONS = {
    "aanmaken": "Vastgelegd (intake)",
    "bekijken": "Bekeken",
    "wijzigen": "Geopend om te wijzigen",
    "gewijzigd": "Gewijzigd",
    "abc-meting": "ABC-meting vastgelegd",
    "overdragen": "Overgedragen",
    "delen": "Gedeeld",
    "exporteren": "Geëxporteerd (inzage)",
    "wissen": "Gewist",
    "passende plekken": "Passende plekken bekeken",
    "caseload": "Caseload bekeken",
    "kandidaten": "Kandidaten bekeken",
    "kandidaat": "Als kandidaat getoond",
    "evaluatie": "Evaluatie vastgelegd",
    "herbeoordeling": "Herbeoordeling vastgelegd",
    "activiteit": "Eigen activiteit vastgelegd",
    "nazorg": "Nazorg vastgelegd",
    "voorstellen": "Voorgesteld",
    "voorstel stap": "Stap in een voorstel",
    "wisselen": "Gewisseld van werkplek",
    "geweigerd": "Geweigerd: geen toegang",
    "herstellink": "Herstellink voor een wachtwoord gemaakt",
    "mfa-herstel": "Tweestapsverificatie hersteld",
}


class AccessLogFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # a resident's code, (part of the) name, or the K- code an organisation knows the resident by
    q: str | None = Field(default=None, max_length=100)
    gebruiker: int | None = Field(default=None, ge=1)
    van: date | None = None
    tot: date | None = None


@dataclass(frozen=True)
class LogRow:
    at: datetime  # local time, Europe/Amsterdam
    user: str
    resident: str  # the code of the one resident, or ""
    residents: list[str]  # the codes a list showed
    action: str
    detail: str


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL)


def filtered(session: Session, filters: AccessLogFilter) -> Any:
    """The select of AccessLog rows the filters let through, newest first."""
    query = select(AccessLog)
    if filters.q:
        ids = _residents_searched(session, filters.q)
        shown = [AccessLog.resident_ids.like(f"%,{i},%") for i in ids]  # type: ignore[attr-defined]
        query = query.where(or_(AccessLog.resident_id.in_(ids), *shown) if ids else false())  # type: ignore[union-attr]
    if filters.gebruiker:
        query = query.where(AccessLog.user_id == filters.gebruiker)
    if filters.van:
        query = query.where(AccessLog.at >= _local_start(filters.van))
    if filters.tot:
        query = query.where(AccessLog.at < _local_start(filters.tot + timedelta(days=1)))
    return query.order_by(AccessLog.id.desc())  # type: ignore[union-attr]


def _residents_searched(session: Session, q: str) -> list[int]:
    organisation_code = as_organisation_code(q)
    if organisation_code:
        return residents_behind(session, organisation_code)
    like = contains_pattern(q.strip())
    ids: list[int] = session.exec(
        select(Resident.id)
        .where(
            or_(
                func.lower(Resident.code).like(like, escape=LIKE_ESCAPE),
                func.lower(Resident.name).like(like, escape=LIKE_ESCAPE),
            )
        )
        .limit(MAX_SEARCH_RESIDENTS)
    ).all()  # type: ignore[assignment]
    return ids


def count(session: Session, query: Any) -> int:
    total: int = session.exec(select(func.count()).select_from(query.subquery())).one()
    return total


def readable(session: Session, rows: list[AccessLog]) -> list[LogRow]:
    """Codes instead of internal ids, user names, Dutch actions and field names, local time."""
    wanted = {r.resident_id for r in rows if r.resident_id} | {i for r in rows for i in ids_of(r.resident_ids)}
    codes: dict[int | None, str] = {}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), LOOKUP_CHUNK):  # an export can name more ids than a query may bind
        chunk = ordered[start : start + LOOKUP_CHUNK]
        codes.update(session.exec(select(Resident.id, Resident.code).where(Resident.id.in_(chunk))).all())  # type: ignore[union-attr]
    user_ids = {r.user_id for r in rows if r.user_id}
    users = (
        {u.id: u.name or u.email for u in session.exec(select(User).where(User.id.in_(user_ids))).all()}  # type: ignore[union-attr]
        if user_ids
        else {}
    )
    result = []
    for row in rows:
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)  # stored in UTC
        result.append(
            LogRow(
                at=at.astimezone(LOCAL),
                user=users.get(row.user_id, "–") if row.user_id else (SELF if row.detail == SELF else "–"),
                resident=codes.get(row.resident_id, "onbekend") if row.resident_id else "",
                residents=[codes.get(i, "onbekend") for i in ids_of(row.resident_ids)],
                action=ACTIONS.get(row.action, row.action),
                detail=_detail(row),
            )
        )
    return result


def _detail(row: AccessLog) -> str:
    if row.detail == SELF:  # the resident on /ik: who it was is in the user column
        return ""
    if row.action == "gewijzigd":
        return ", ".join(field_label(name.strip()) for name in row.detail.split(",") if name.strip())
    return row.detail


def users_in_log(session: Session) -> list[tuple[int, str]]:
    """Everybody who may appear in the log, for the user filter."""
    return [(u.id, u.name or u.email) for u in session.exec(select(User).order_by(User.name, User.email)).all()]  # type: ignore[misc]
