"""An organisation's placement is locked for the fields eligibility reads while proposals are active.

CONTRACT.md *What an organisation sees*: an employer that could change its own requirements while
a resident is proposed to it could try them one by one (ABC G1..G7, type, route, postcode) and
read from the answers what the resident's level, age, indications or address are. So while the
placement has proposals from `consented` to `started`, the organisation cannot change what the
eligibility rules read (409 `active_proposals`); an adviser can.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..auth.account import Account
from ..errors import ApiError
from ..guards import is_organisation_user
from ..models import Placement, Proposal

# What `matching/rules.py` reads of a placement about the pair (not: open, free places, end date).
ELIGIBILITY_FIELDS = (
    "type",
    "routes",
    "max_abc",
    "min_hours",
    "max_hours",
    "language_level",
    "driving_licence",
    "physical_load",
    "supports",
    "postcode",
)
LOCKING_STATUSES = ("consented", "introduced", "started")
MESSAGE = (
    "Er lopen voorstellen voor deze werkplek. Zolang die lopen, kunt u de eisen niet wijzigen "
    "(soort werkplek, routes, zelfredzaamheid, uren, taal, rijbewijs, fysieke belasting, ondersteuning, postcode). "
    "Neem contact op met de adviseur werkgeversdienstverlening als er iets moet veranderen."
)

FIELD_MESSAGE = "Dit kunt u niet wijzigen zolang er voorstellen lopen."


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, list | tuple) or isinstance(new, list | tuple):
        return sorted(old or []) != sorted(new or [])
    return bool(old != new)


def changed_eligibility_fields(placement: Placement, changes: dict[str, Any]) -> list[str]:
    """The fields eligibility reads that these changes would really change (a form sends them all)."""
    return [
        name for name in ELIGIBILITY_FIELDS if name in changes and _differs(getattr(placement, name), changes[name])
    ]


def active_proposals(session: Session, placement_id: int) -> int:
    return int(
        session.exec(
            select(func.count()).where(
                Proposal.placement_id == placement_id,
                col(Proposal.status).in_(LOCKING_STATUSES),
            )
        ).one()
    )


def ensure_unlocked(session: Session, placement: Placement, changes: dict[str, Any], actor: Account) -> None:
    """409 `active_proposals`, naming each field, when an organisation changes what eligibility reads."""
    if not is_organisation_user(actor):
        return
    changed = changed_eligibility_fields(placement, changes)
    if changed and active_proposals(session, placement.id):  # type: ignore[arg-type]
        raise ApiError(409, MESSAGE, {name: FIELD_MESSAGE for name in changed}, code="active_proposals")
