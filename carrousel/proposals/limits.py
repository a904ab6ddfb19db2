"""Time limits bind the resident's placement, never the organisation's offer.

DOMAIN.md *The case over its lifetime*; CONTRACT.md *Time limits after the start*. A
proefplaatsing runs at most its maximum for one resident at one organisation (all of the
resident's proefplaatsingen there counted together); a participatieplaats runs its term and is
extended by dated decisions, by at most the extension in total over all of the resident's
participatieplaatsen. The terms are the configured ones (`placements.*`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from ..dates import add_months
from ..models import Placement, Proposal
from ..templating import dutch_date
from ..terms import TRIAL_TYPES, Terms
from ..validation import InvalidInput

LIMITED_TYPES = TRIAL_TYPES


@dataclass(frozen=True)
class Bounds:
    default_end: date  # the end when nobody gives one
    latest_at_start: date  # the latest end the start may set
    latest: date  # the latest end an extension may reach
    message: str  # why not later, in the words of the page


def _days(start: date | None, end: date | None, today: date) -> int:
    if start is None:
        return 0
    return max(0, ((end or today) - start).days)


def _others(session: Session, proposal: Proposal, placement_type: str, organisation_id: int | None) -> list[Proposal]:
    query = (
        select(Proposal)
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .where(
            Proposal.resident_id == proposal.resident_id,
            Proposal.id != proposal.id,
            Placement.type == placement_type,
            col(Proposal.status).in_(("started", "ended")),
        )
    )
    if organisation_id is not None:
        query = query.where(Proposal.organisation_id == organisation_id)
    return list(session.exec(query).all())


def bounds(session: Session, proposal: Proposal, placement_type: str, start: date, terms: Terms) -> Bounds | None:
    """The end dates this resident's place of this type may have; None for a type without a limit."""
    today = date.today()
    if placement_type == "proefplaatsing":
        months, most = terms.proefplaatsing_months, terms.proefplaatsing_max_months
        others = _others(session, proposal, "proefplaatsing", proposal.organisation_id)
        used = sum(_days(p.started_on, p.ended_on or p.end_date, today) for p in others)
        latest = add_months(start, most) - timedelta(days=used)
        message = f"Een proefplaatsing duurt hoogstens {most} maanden bij één organisatie" + (
            ", samen met de eerdere proefplaatsingen van deze inwoner daar." if used else "."
        )
        return Bounds(min(add_months(start, months), latest), latest, latest, message)
    if placement_type == "participatieplaats":
        years, extension = terms.participatieplaats_years, terms.participatieplaats_extension_years
        term_end = add_months(start, 12 * years)
        allowed = (add_months(term_end, 12 * extension) - term_end).days
        used = 0
        for other in _others(session, proposal, "participatieplaats", None):
            if other.started_on is not None:  # an extension decided counts, also when the place ended sooner
                end = other.end_date or other.ended_on or today
                used += max(0, (end - add_months(other.started_on, 12 * years)).days)
        latest = term_end + timedelta(days=max(0, allowed - used))
        message = (
            f"Een participatieplaats duurt {years} jaar en wordt in totaal hoogstens {extension} jaar verlengd, "
            "over alle participatieplaatsen van deze inwoner samen."
        )
        return Bounds(term_end, term_end, latest, message)
    return None


def planned_end(
    session: Session, proposal: Proposal, placement_type: str, start: date, given: date | None, terms: Terms
) -> date | None:
    """The end of the resident's place at its start: the type's term, or the earlier date given."""
    if given is not None and given < start:
        raise InvalidInput({"end_date": "De einddatum ligt vóór de start."})
    limit = bounds(session, proposal, placement_type, start, terms)
    if limit is None:
        return given
    if given is None:
        return limit.default_end
    if given > limit.latest_at_start:
        raise InvalidInput({"end_date": limit.message})
    return given


def extension_end(session: Session, proposal: Proposal, placement_type: str, until: date, terms: Terms) -> date:
    """The new end of a started place, checked against the type's limit (422 `until` beyond it)."""
    assert proposal.started_on is not None
    limit = bounds(session, proposal, placement_type, proposal.started_on, terms)
    if limit is None:
        raise InvalidInput({"until": "Deze soort werkplek heeft geen termijn om te verlengen."})
    if proposal.end_date is not None and until <= proposal.end_date:
        raise InvalidInput({"until": "Kies een datum na de huidige einddatum."})
    if until > limit.latest:
        raise InvalidInput({"until": f"{limit.message} Uiterlijk tot {dutch_date(limit.latest)}."})
    return until
