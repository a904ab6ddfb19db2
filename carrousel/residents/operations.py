"""Writes on residents: intake, changes with their timeline, ABC, hand-over, export (erasure: erasure.py)."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from sqlalchemy import delete, or_
from sqlmodel import Session, select

from ..audit import log_access
from ..auth.account import Account
from ..dates import add_months
from ..errors import ApiError
from ..guards import check_version
from ..models import (
    AbcMeasurement,
    AbcMeasurementCreate,
    AccessLog,
    Placement,
    Resident,
    ResidentCreate,
    ResidentEvent,
    ResidentShare,
    ResidentUpdate,
    User,
    utcnow,
)
from ..validation import InvalidInput
from ..wording import field_list

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
# Newest first by the date it happened; among one day, the last recorded first.
TIMELINE_ORDER = (ResidentEvent.on_date.desc(), ResidentEvent.at.desc(), ResidentEvent.id.desc())  # type: ignore[attr-defined, union-attr]
# Fields a switch of which is a step on the timeline (Simpel Switchen).
TIMELINE_FIELDS = {"route": "route", "phase": "fase", "ladder_now": "trede", "placement_id": "werkplek"}


def new_code() -> str:
    """A random pseudonym, not derived from name or birth year."""
    return "R-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


SNEL_MONTHS = 3  # DOMAIN.md: snel naar werk has 3 months "in principe", 6 when the consultant chose so


def route_deadline(route: str | None, started: date | None, snel_months: int | None) -> date | None:
    """Snel: 3 or 6 months; ontwikkeling: at most a year; meedoen: evaluated after a year."""
    if route is None or started is None:
        return None
    return add_months(started, (snel_months or SNEL_MONTHS) if route == "snel" else 12)


def snel_term(route: str | None, months: int | None) -> int | None:
    """The term follows the route: none off the snel route, 3 months unless 6 was chosen on it.

    Switching route is then one change (Simpel Switchen: a step back must be cheap).
    """
    return (months or SNEL_MONTHS) if route == "snel" else None


def _event(
    session: Session,
    resident: Resident,
    actor: Account,
    kind: str,
    old: Any,
    new: Any,
    reason: str = "",
    on: date | None = None,
) -> None:
    session.add(
        ResidentEvent(
            resident_id=resident.id,
            kind=kind,
            old_value="" if old is None else str(old),
            new_value="" if new is None else str(new),
            reason=reason,
            on_date=on or date.today(),
            author_id=actor.id,
        )
    )


def create_resident(session: Session, *, data: ResidentCreate, actor: Account) -> Resident:
    """A resident in the actor's own caseload."""
    resident = Resident(**data.model_dump(exclude={"abc"}), code=new_code(), consultant_id=actor.id)
    resident.snel_months = snel_term(resident.route, resident.snel_months)
    resident.availability_confirmed_on = resident.availability_confirmed_on or date.today()  # freshness starts now
    if resident.route and resident.route_started_on is None:
        resident.route_started_on = date.today()
    resident.route_deadline = route_deadline(resident.route, resident.route_started_on, resident.snel_months)
    session.add(resident)
    session.flush()
    # The intake came first: a route that started before today was recorded after the fact.
    intake_on = min(date.today(), resident.route_started_on or date.today())
    _event(session, resident, actor, "aangemaakt", None, resident.route or "", "Intake vastgelegd", on=intake_on)
    log_access(session, actor, resident.id, "aanmaken")
    if data.abc:
        _add_measurement(session, resident, AbcMeasurementCreate(level=data.abc, measured_on=date.today()), actor)
    return resident


def _may_see(session: Session, resident: Resident, actor: Account) -> bool:
    if resident.erased_at is not None or actor.role != "consultant":
        return False
    if resident.consultant_id == actor.id:
        return True
    return (
        session.exec(
            select(ResidentShare.id).where(
                ResidentShare.resident_id == resident.id, ResidentShare.consultant_id == actor.id
            )
        ).first()
        is not None
    )


def get_resident(session: Session, resident_id: int, actor: Account, action: str = "bekijken") -> Resident:
    """A resident from the actor's caseload (own or shared); 404 otherwise. Logs the access."""
    resident = session.get(Resident, resident_id)
    if resident is None or not _may_see(session, resident, actor):
        raise ApiError(404)
    log_access(session, actor, resident.id, action)
    return resident


def update_resident(session: Session, *, resident_id: int, data: ResidentUpdate, actor: Account) -> Resident:
    """Change a resident; each switch of route, phase, ladder or placement goes on the timeline."""
    resident = get_resident(session, resident_id, actor, action="wijzigen")
    check_version(resident, data.version)
    changes = data.model_dump(exclude_unset=True, exclude={"version", "reason", "abc"})
    if "route" in changes or "snel_months" in changes:
        route = changes.get("route", resident.route)
        changes["snel_months"] = snel_term(route, changes.get("snel_months", resident.snel_months))
    stored = resident.birth_date
    if "birth_year" in changes and "birth_date" not in changes and stored and stored.year != changes["birth_year"]:
        raise InvalidInput({"birth_year": "Past niet bij de geboortedatum: wijzig de geboortedatum."})
    if data.abc and data.abc != resident.abc:
        _add_measurement(session, resident, AbcMeasurementCreate(level=data.abc, measured_on=date.today()), actor)
    if "placement_id" in changes and changes["placement_id"] != resident.placement_id:
        # One way in: a proposal holds the place, checks the rules and goes on the timeline.
        raise InvalidInput(
            {"placement_id": "Een inwoner plaatsen gaat via een voorstel: stel de inwoner voor en leg de start vast."}
        )
    with session.no_autoflush:  # one UPDATE, one version step
        changed = []
        for key, value in changes.items():
            old = getattr(resident, key)
            if old == value:
                continue
            changed.append(key)
            if key in TIMELINE_FIELDS:
                _event(session, resident, actor, TIMELINE_FIELDS[key], old, value, data.reason)
            if key == "placement_id":
                _touch_placements(session, old, value)
            setattr(resident, key, value)
        if "route" in changed:
            resident.route_started_on = date.today()
        if {"route", "snel_months"} & set(changed):
            resident.route_deadline = route_deadline(resident.route, resident.route_started_on, resident.snel_months)
        if "last_contact_on" in changed:
            _event(session, resident, actor, "contact", None, resident.last_contact_on, data.reason)
    resident.updated_at = utcnow()
    session.flush()
    if changed:  # a save that changed nothing is no change (the view is logged as "wijzigen" already)
        log_access(session, actor, resident.id, "gewijzigd", field_list(changed))  # names only, no values
    return resident


def _touch_placements(session: Session, *ids: int | None) -> None:
    # Free capacity changed: the matching index re-reads placements touched since its last sync.
    for placement_id in ids:
        if placement_id is not None and (placement := session.get(Placement, placement_id)):
            placement.updated_at = utcnow()


def record_abc(session: Session, *, resident_id: int, data: AbcMeasurementCreate, actor: Account) -> AbcMeasurement:
    """Add a measurement to the history; the latest by date counts."""
    resident = get_resident(session, resident_id, actor, action="abc-meting")
    measurement = _add_measurement(session, resident, data, actor)
    session.flush()
    return measurement


def _add_measurement(
    session: Session, resident: Resident, data: AbcMeasurementCreate, actor: Account
) -> AbcMeasurement:
    if data.measured_on > date.today():
        raise InvalidInput({"measured_on": "De meetdatum ligt in de toekomst."})
    measurement = AbcMeasurement(**data.model_dump(), resident_id=resident.id, recorded_by_id=actor.id)
    session.add(measurement)
    if resident.abc_measured_on is None or data.measured_on >= resident.abc_measured_on:
        _event(session, resident, actor, "abc", resident.abc, data.level, on=data.measured_on)
        resident.abc, resident.abc_measured_on = data.level, data.measured_on
    resident.updated_at = utcnow()
    return measurement


def _consultant(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.role != "consultant" or not user.active:
        raise InvalidInput({"consultant_id": "Kies een actieve consulent."})
    return user


def ensure_owner(resident: Resident, actor: Account) -> None:
    """Hand-over and erasure are the owner's: a consultant it is shared with only looks along."""
    if resident.consultant_id != actor.id:
        raise ApiError(403, "Alleen de eigen consulent van deze inwoner kan overdragen of wissen.")


def hand_over(session: Session, *, resident_id: int, to_user_id: int, reason: str, actor: Account) -> Resident:
    """Move the resident to another consultant's caseload; recorded on the timeline."""
    resident = get_resident(session, resident_id, actor, action="overdragen")
    ensure_owner(resident, actor)
    new = _consultant(session, to_user_id)
    old = session.get(User, resident.consultant_id) if resident.consultant_id else None
    _event(session, resident, actor, "consulent", old.name if old else "", new.name or new.email, reason)
    resident.consultant_id = new.id
    session.exec(
        delete(ResidentShare).where(  # type: ignore[call-overload]
            ResidentShare.resident_id == resident.id, ResidentShare.consultant_id == new.id
        )
    )
    resident.updated_at = utcnow()
    session.flush()
    return resident


def share_with(session: Session, *, resident_id: int, user_id: int, actor: Account) -> None:
    """Let a second consultant see and work on the resident (e.g. during an absence)."""
    resident = get_resident(session, resident_id, actor, action="delen")
    other = _consultant(session, user_id)
    if (
        other.id != resident.consultant_id
        and not session.exec(
            select(ResidentShare).where(
                ResidentShare.resident_id == resident.id, ResidentShare.consultant_id == other.id
            )
        ).first()
    ):
        session.add(ResidentShare(resident_id=resident.id, consultant_id=other.id))
        _event(session, resident, actor, "gedeeld", "", other.name or other.email)
    session.flush()


def caseload_filter(actor: Account) -> Any:
    """Own residents and those shared with the actor; erased ones are gone for everybody."""
    shared = select(ResidentShare.resident_id).where(ResidentShare.consultant_id == actor.id)
    return (Resident.erased_at.is_(None)) & or_(  # type: ignore[union-attr]
        Resident.consultant_id == actor.id, Resident.id.in_(shared)
    )  # type: ignore[union-attr]


def export_resident(session: Session, *, resident_id: int, actor: Account) -> dict[str, Any]:
    """Everything held on a resident as one document (AVG inzage)."""
    resident = get_resident(session, resident_id, actor, action="exporteren")
    measurements = session.exec(
        select(AbcMeasurement).where(AbcMeasurement.resident_id == resident.id).order_by(AbcMeasurement.measured_on)
    ).all()  # type: ignore[arg-type]
    events = session.exec(
        select(ResidentEvent).where(ResidentEvent.resident_id == resident.id).order_by(ResidentEvent.at)
    ).all()  # type: ignore[arg-type]
    access = session.exec(select(AccessLog).where(AccessLog.resident_id == resident.id).order_by(AccessLog.at)).all()  # type: ignore[arg-type]
    return {
        "exported_at": utcnow().isoformat(),
        "resident": resident.model_dump(mode="json"),
        "abc_measurements": [m.model_dump(mode="json", exclude={"resident_id"}) for m in measurements],
        "timeline": [e.model_dump(mode="json", exclude={"resident_id"}) for e in events],
        "access_log": [a.model_dump(mode="json", exclude={"resident_id"}) for a in access],
    }

