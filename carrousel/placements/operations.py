"""Writes on placements: post, change, with per-type defaults, time limits and occupations."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlmodel import Session

from ..auth.account import Account
from ..errors import ApiError
from ..guards import check_version, ensure_own_organisation, is_organisation_user
from ..models import Organisation, Placement, PlacementCreate, PlacementUpdate, utcnow
from ..models.placements import placement_range_errors
from ..occupations import occupation_list
from ..validation import InvalidInput
from .capacity import occupied, sync_fill_status
from .fit import fit_errors
from .lock import ensure_unlocked


def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = current_app.config["CARROUSEL"]["placements"]
    return settings


def type_defaults(placement_type: str) -> dict[str, Any]:
    """The configured routes and max_abc for a type (editable per placement)."""
    defaults: dict[str, Any] = _settings()["defaults"].get(placement_type, {})
    return defaults


def apply_time_limits(placement: Placement) -> None:
    """The organisation's offer has a free end date: the time limits bind each resident's place
    (proposals/limits.py), never the offer (CONTRACT.md *Time limits after the start*)."""
    errors = time_limit_errors(placement)
    if errors:
        raise InvalidInput(errors)


def time_limit_errors(placement: Placement) -> dict[str, str]:
    """No limit on the offer's own dates; kept so that the forms keep one place to ask."""
    return {}


def _normalise_occupation(session: Session, placement: Placement) -> None:
    """Free text becomes the closest kansrijk beroep above a threshold, else stays and is not kansrijk."""
    entry = occupation_list(session).normalise(placement.occupation) if placement.occupation else None
    if entry is None:
        placement.occupation_code, placement.kansrijk = None, False
    else:
        placement.occupation, placement.occupation_code, placement.kansrijk = entry.name, entry.code, True


def _organisation_for(session: Session, organisation_id: int | None, actor: Account) -> Organisation:
    if is_organisation_user(actor):
        organisation_id = actor.organisation_id
    if organisation_id is None:
        raise InvalidInput({"organisation_id": "Kies de organisatie waarvoor u deze werkplek plaatst."})
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise InvalidInput({"organisation_id": "Deze organisatie bestaat niet."})
    return organisation


def _open_errors(organisation: Organisation, placement: Placement) -> dict[str, str]:
    # Only a draft until approval: `filled` or `closed` would let residents be attached to a
    # placement of an organisation nobody checked yet.
    if placement.status != "draft" and organisation.status != "approved":
        return {
            "status": "Zolang de organisatie niet is goedgekeurd, kan een werkplek alleen een concept zijn."
            " Sla hem zolang op als concept."
        }
    return {}


def _check(organisation: Organisation, placement: Placement, *, status_changed: bool = True) -> None:
    """Every check on the whole placement at once, so that the form shows all errors in one round."""
    errors = {
        **placement_range_errors(placement),  # new values with old ones, e.g. min above max
        **fit_errors(organisation.kind, placement.type, list(placement.supports or [])),
        **(_open_errors(organisation, placement) if status_changed else {}),
    }
    for field, message in time_limit_errors(placement).items():
        errors.setdefault(field, message)
    if errors:
        raise InvalidInput(errors)


def _refuse_filled_by_hand(status: str) -> None:
    if status == "filled":
        raise InvalidInput(
            {"status": "Een werkplek is vol zodra alle plaatsen bezet zijn door gestarte inwoners; dat gaat vanzelf."}
        )


def _check_capacity_held(session: Session, placement: Placement, was_filled: bool) -> None:
    """Started proposals hold their places: the capacity cannot drop below them; full or open follows."""
    taken = occupied(session, placement.id)  # type: ignore[arg-type]
    if placement.capacity < taken:
        message = f"Er zijn {taken} plaatsen bezet; minder plaatsen kan pas als er iemand stopt."
        raise InvalidInput({"capacity": message})
    if was_filled and placement.status == "open" and placement.capacity <= taken:
        message = "Alle plaatsen zijn bezet; de werkplek gaat vanzelf weer open als er een vrijkomt."
        raise InvalidInput({"status": message})
    if placement.status in ("open", "filled"):
        sync_fill_status(session, placement)


def create_placement(session: Session, *, data: PlacementCreate, actor: Account) -> Placement:
    """Post a placement for the own organisation, or (adviser) on behalf of one."""
    organisation = _organisation_for(session, data.organisation_id, actor)
    defaults = type_defaults(data.type)
    values = data.model_dump(exclude={"organisation_id"})
    values["routes"] = data.routes if data.routes else list(defaults.get("routes", []))
    values["max_abc"] = data.max_abc or defaults.get("max_abc", "G4")
    values["phase"] = data.phase or defaults.get("phase", "ontwikkeling")
    values["postcode"] = data.postcode or organisation.postcode
    values["sector"] = organisation.sector if data.sector is None else data.sector
    placement = Placement(**values, organisation_id=organisation.id, posted_by_id=actor.id)
    _check(organisation, placement)
    _refuse_filled_by_hand(placement.status)
    _normalise_occupation(session, placement)
    session.add(placement)
    session.flush()
    return placement


def get_placement(session: Session, placement_id: int, actor: Account) -> Placement:
    placement = session.get(Placement, placement_id)
    if placement is None:
        raise ApiError(404)
    ensure_own_organisation(actor, placement.organisation_id)
    if actor.role == "consultant" and placement.status == "draft":
        raise ApiError(404)
    return placement


def update_placement(session: Session, *, placement_id: int, data: PlacementUpdate, actor: Account) -> Placement:
    """Change a placement; a stale `version` answers 409 so no one's work is lost."""
    placement = get_placement(session, placement_id, actor)
    check_version(placement, data.version)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    ensure_unlocked(session, placement, changes, actor)
    was_filled = placement.status == "filled"
    # One UPDATE per change: no query below may flush half of it (that would bump the version twice).
    with session.no_autoflush:
        for key, value in changes.items():
            setattr(placement, key, value)
        organisation = session.get(Organisation, placement.organisation_id)
        assert organisation is not None
        _check(organisation, placement, status_changed="status" in changes)
        if "status" in changes and not was_filled:
            _refuse_filled_by_hand(placement.status)
        if "capacity" in changes or "status" in changes:
            _check_capacity_held(session, placement, was_filled)
        if "occupation" in changes:
            _normalise_occupation(session, placement)
    placement.updated_at = utcnow()
    session.flush()
    return placement
