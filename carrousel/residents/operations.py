"""Writes on residents: intake, changes with their timeline, ABC, hand-over, export (erasure: cases/erasure.py)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask, current_app
from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from ..audit import REFUSED
from ..audit import log_access as log_access  # re-exported: the resident views and proposals log through here
from ..auth.account import Account
from ..errors import ApiError
from ..guards import check_version
from ..models import (
    AbcMeasurement,
    AbcMeasurementCreate,
    AccessLog,
    IncomeScenario,
    Resident,
    ResidentCreate,
    ResidentEvent,
    ResidentShare,
    ResidentUpdate,
    User,
    utcnow,
)
from ..settings.store import terms_in_force
from ..terms import Terms, route_deadline
from ..validation import InvalidInput
from ..wording import field_list
from .reminder_rows import move_reminders

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
# Newest first by the date it happened; among one day, the last recorded first.
TIMELINE_ORDER = (ResidentEvent.on_date.desc(), ResidentEvent.at.desc(), ResidentEvent.id.desc())  # type: ignore[attr-defined, union-attr]
# Fields a switch of which is a step on the timeline (Simpel Switchen).
TIMELINE_FIELDS = {"route": "route", "phase": "fase", "ladder_now": "trede"}


def new_code() -> str:
    """A random pseudonym, not derived from name or birth year."""
    return "R-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def current_terms(session: Session) -> Terms:
    return terms_in_force(session, current_app.config["CARROUSEL"])


def snel_extended(terms: Terms, route: str | None, months: int | None) -> bool:
    """The snel choice: the standard term unless the extended one was chosen; off the snel route, none.

    Switching route is then one change (Simpel Switchen: a step back must be cheap).
    """
    if months is not None and months not in terms.snel_choices:
        choices = f"{terms.snel_months} maanden of {terms.snel_extended_months} maanden"
        raise InvalidInput({"snel_months": f"Kies {choices}."})
    return route == "snel" and months == terms.snel_extended_months


def snel_months(terms: Terms, resident: Resident) -> int | None:
    """The resident's snel term in months, from the terms in force."""
    return terms.snel_term(resident.snel_extended) if resident.route == "snel" else None


def last_evaluations(session: Session, resident_ids: list[int] | None = None) -> dict[int, date]:
    """The date of each resident's latest meedoen evaluation."""
    query = select(ResidentEvent.resident_id, func.max(ResidentEvent.on_date)).where(ResidentEvent.kind == "evaluatie")
    if resident_ids is not None:
        query = query.where(col(ResidentEvent.resident_id).in_(resident_ids))
    rows: Any = session.exec(query.group_by(col(ResidentEvent.resident_id))).all()
    return {resident_id: on for resident_id, on in rows}


def refresh_deadline(session: Session, resident: Resident, terms: Terms | None = None) -> None:
    """The caseload's deadline from the terms in force and the resident's facts."""
    terms = terms or current_terms(session)
    last = last_evaluations(session, [resident.id]).get(resident.id) if resident.id else None
    resident.route_deadline = route_deadline(
        terms, resident.route, resident.route_started_on, resident.snel_extended, last
    )


def refresh_all_deadlines(session: Session, terms: Terms) -> int:
    """After a term changed: every deadline recomputed in the same unit of work. Answers how many moved."""
    evaluations = last_evaluations(session)
    moved = 0
    residents = session.exec(
        select(Resident).where(col(Resident.route).is_not(None), col(Resident.erased_at).is_(None))
    ).all()
    for resident in residents:
        last = evaluations.get(resident.id)  # type: ignore[arg-type]
        due = route_deadline(terms, resident.route, resident.route_started_on, resident.snel_extended, last)
        if due != resident.route_deadline:
            resident.route_deadline = due
            moved += 1
    session.flush()
    return moved


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
    assert resident.id is not None, "a timeline event belongs to a stored resident"
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
    terms = current_terms(session)
    extended = snel_extended(terms, data.route, data.snel_months)
    resident = Resident(**data.model_dump(exclude={"abc", "snel_months"}), code=new_code(), consultant_id=actor.id)
    resident.snel_extended = extended
    resident.availability_confirmed_on = resident.availability_confirmed_on or date.today()  # freshness starts now
    if resident.route and resident.route_started_on is None:
        resident.route_started_on = date.today()
    refresh_deadline(session, resident, terms)
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
    if resident is None:
        raise ApiError(404)
    if not _may_see(session, resident, actor):
        # A refused attempt on someone else's resident is in the access log too (AVG accountability).
        log_access(session, actor, resident.id, REFUSED, f"geprobeerd: {action}")
        raise ApiError(404)
    log_access(session, actor, resident.id, action)
    return resident


def update_resident(session: Session, *, resident_id: int, data: ResidentUpdate, actor: Account) -> Resident:
    """Change a resident; each switch of route, phase, ladder or placement goes on the timeline."""
    resident = get_resident(session, resident_id, actor, action="wijzigen")
    check_version(resident, data.version)
    changes = data.model_dump(exclude_unset=True, exclude={"version", "reason", "abc"})
    terms = current_terms(session)
    if "route" in changes or "snel_months" in changes:
        route = changes.get("route", resident.route)
        months = changes.pop("snel_months", None) if "snel_months" in changes else snel_months(terms, resident)
        changes["snel_extended"] = snel_extended(terms, route, months)
    stored = resident.birth_date
    if "birth_year" in changes and "birth_date" not in changes and stored and stored.year != changes["birth_year"]:
        raise InvalidInput({"birth_year": "Past niet bij de geboortedatum: wijzig de geboortedatum."})
    if data.abc and data.abc != resident.abc:
        _add_measurement(session, resident, AbcMeasurementCreate(level=data.abc, measured_on=date.today()), actor)
    if changes.get("placement_id") is not None:
        # One way in: a proposal holds the place, checks the rules and goes on the timeline.
        raise InvalidInput(
            {"placement_id": "Een inwoner plaatsen gaat via een voorstel: stel de inwoner voor en leg de start vast."}
        )
    changes.pop("placement_id", None)  # the resident's places are its started proposals
    was_snel = resident.route == "snel"
    with session.no_autoflush:  # one UPDATE, one version step
        changed = []
        for key, value in changes.items():
            old = getattr(resident, key)
            if old == value:
                continue
            changed.append(key)
            if key in TIMELINE_FIELDS:
                _event(session, resident, actor, TIMELINE_FIELDS[key], old, value, data.reason)
            setattr(resident, key, value)
        if "route" in changed:
            resident.route_started_on = date.today()
            if was_snel != (resident.route == "snel") and "snel_extended" not in changed:
                changed.append("snel_extended")  # the snel term comes or goes with the route
        if {"route", "snel_extended"} & set(changed):
            refresh_deadline(session, resident, terms)
        if "last_contact_on" in changed:
            _event(session, resident, actor, "contact", None, resident.last_contact_on, data.reason)
    resident.updated_at = utcnow()
    session.flush()
    if changed:  # a save that changed nothing is no change (the view is logged as "wijzigen" already)
        log_access(session, actor, resident.id, "gewijzigd", field_list(changed))  # names only, no values
    if changed or data.abc:
        resident_changed(session, resident, actor)
    return resident


# Listeners called after a resident changed, registered by the areas above this one (the re-check
# of open proposals, CONTRACT.md *The case over time*): this area never imports the workflow.
CHANGE_LISTENERS = "carrousel.resident_changed"
ChangeListener = Callable[[Session, Resident, Account], object]


def on_resident_change(app: Flask, listener: ChangeListener) -> None:
    """Call `listener` after every change of a resident, in the same transaction."""
    listeners: list[ChangeListener] = app.extensions.setdefault(CHANGE_LISTENERS, [])
    if listener not in listeners:
        listeners.append(listener)


def resident_changed(session: Session, resident: Resident, actor: Account) -> None:
    session.flush()
    for listener in current_app.extensions.get(CHANGE_LISTENERS, ()):
        listener(session, resident, actor)


def record_abc(session: Session, *, resident_id: int, data: AbcMeasurementCreate, actor: Account) -> AbcMeasurement:
    """Add a measurement to the history; the latest by date counts."""
    resident = get_resident(session, resident_id, actor, action="abc-meting")
    measurement = _add_measurement(session, resident, data, actor)
    session.flush()
    resident_changed(session, resident, actor)
    return measurement


def _add_measurement(
    session: Session, resident: Resident, data: AbcMeasurementCreate, actor: Account
) -> AbcMeasurement:
    if data.measured_on > date.today():
        raise InvalidInput({"measured_on": "De meetdatum ligt in de toekomst."})
    assert resident.id is not None, "a measurement belongs to a stored resident"
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
    assert resident.id is not None and new.id is not None
    # The reminders follow the case: the new consultant gets the deadlines, not the old one.
    move_reminders(session, resident_id=resident.id, from_user_id=resident.consultant_id, to_user_id=new.id)
    resident.consultant_id = new.id
    session.exec(
        delete(ResidentShare).where(
            col(ResidentShare.resident_id) == resident.id, col(ResidentShare.consultant_id) == new.id
        )
    )
    resident.updated_at = utcnow()
    session.flush()
    return resident


def share_with(session: Session, *, resident_id: int, user_id: int, actor: Account) -> None:
    """Let a second consultant see and work on the resident (e.g. during an absence)."""
    resident = get_resident(session, resident_id, actor, action="delen")
    ensure_owner(resident, actor)  # a consultant it is shared with cannot pass it on
    other = _consultant(session, user_id)
    if (
        other.id != resident.consultant_id
        and not session.exec(
            select(ResidentShare).where(
                ResidentShare.resident_id == resident.id, ResidentShare.consultant_id == other.id
            )
        ).first()
    ):
        assert resident.id is not None and other.id is not None
        session.add(ResidentShare(resident_id=resident.id, consultant_id=other.id))
        _event(session, resident, actor, "gedeeld", "", other.name or other.email)
    session.flush()


def revoke_share(session: Session, *, resident_id: int, user_id: int, actor: Account) -> None:
    """End a share: the other consultant no longer sees the resident (404 when it was not shared)."""
    resident = get_resident(session, resident_id, actor, action="delen intrekken")
    ensure_owner(resident, actor)
    share = session.exec(
        select(ResidentShare).where(ResidentShare.resident_id == resident.id, ResidentShare.consultant_id == user_id)
    ).first()
    if share is None:
        raise ApiError(404, "Deze inwoner is niet met deze consulent gedeeld.")
    other = session.get(User, user_id)
    session.delete(share)
    _event(session, resident, actor, "gedeeld", (other.name or other.email) if other else "", "", "Delen ingetrokken")
    session.flush()


def caseload_filter(actor: Account) -> Any:
    """Own residents and those shared with the actor; erased ones are gone for everybody."""
    shared = select(ResidentShare.resident_id).where(ResidentShare.consultant_id == actor.id)
    return col(Resident.erased_at).is_(None) & or_(
        col(Resident.consultant_id) == actor.id, col(Resident.id).in_(shared)
    )


def export_resident(session: Session, *, resident_id: int, actor: Account) -> dict[str, Any]:
    """Everything held on a resident as one document (AVG inzage)."""
    resident = get_resident(session, resident_id, actor, action="exporteren")
    measurements = session.exec(
        select(AbcMeasurement)
        .where(AbcMeasurement.resident_id == resident.id)
        .order_by(col(AbcMeasurement.measured_on))
    ).all()
    events = session.exec(
        select(ResidentEvent).where(ResidentEvent.resident_id == resident.id).order_by(col(ResidentEvent.at))
    ).all()
    access = session.exec(select(AccessLog).where(AccessLog.resident_id == resident.id).order_by(AccessLog.at)).all()  # type: ignore[arg-type]
    return {
        "exported_at": utcnow().isoformat(),
        "resident": resident.model_dump(mode="json"),
        "abc_measurements": [m.model_dump(mode="json", exclude={"resident_id"}) for m in measurements],
        "timeline": [e.model_dump(mode="json", exclude={"resident_id"}) for e in events],
        "income_scenarios": [
            s.model_dump(mode="json", exclude={"resident_id"})
            for s in session.exec(select(IncomeScenario).where(IncomeScenario.resident_id == resident.id)).all()
        ],
        "access_log": [a.model_dump(mode="json", exclude={"resident_id"}) for a in access],
    }
