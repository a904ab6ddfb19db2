"""The proposal's state table: who may move it from which status to which, and what the step does.

One table, read by `operations.transition` (the checks, then the step's `apply`) and by the
pages to show only the buttons a user may press. The effects are the functions above the table,
each taking the typed step (`ProposalStep`). CONTRACT.md *Proposals*; DOMAIN.md *The carousel:
from match to place and back*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlmodel import Session

from ..auth.account import Account
from ..income.operations import ensure_counselled
from ..models import Placement, Proposal, ProposalStep, Resident, ResidentEvent, utcnow
from ..placements import capacity
from ..terms import ORGANISATION_ROLES, terms_from
from ..validation import InvalidInput
from . import eligibility, lifecycle, limits
from .agreement_gate import ensure_agreement_complete

# "organisation" stands for the placement's own employer or location (never another one's).
ORGANISATION = "organisation"

# What a step does to the proposal and the resident, after the role, status and version checks.
Effect = Callable[[Session, Proposal, Resident, Account, ProposalStep, date], None]


# -- the effects ---------------------------------------------------------------------------------


def consent(
    session: Session, proposal: Proposal, resident: Resident, actor: Account, s: ProposalStep, on: date
) -> None:
    # The organisation's term of 10 working days starts now (the reminders count from here).
    proposal.waiting_since = on


def introduce(
    session: Session, proposal: Proposal, resident: Resident, actor: Account, s: ProposalStep, on: date
) -> None:
    proposal.introduction_kind = s.kind or "kennismaking"
    proposal.introduced_on = on
    proposal.answered_at = proposal.answered_at or utcnow()


def decline(
    session: Session, proposal: Proposal, resident: Resident, actor: Account, s: ProposalStep, on: date
) -> None:
    if not s.reason:
        raise InvalidInput({"reason": "Geef de reden van de afwijzing."})
    proposal.reason = s.reason
    proposal.answered_at = proposal.answered_at or utcnow()


def withdraw(
    session: Session, proposal: Proposal, resident: Resident, actor: Account, s: ProposalStep, on: date
) -> None:
    proposal.reason = s.reason or "Toestemming ingetrokken"


def start(session: Session, proposal: Proposal, resident: Resident, actor: Account, s: ProposalStep, on: date) -> None:
    placement = session.get(Placement, proposal.placement_id)
    assert placement is not None
    lifecycle.ensure_case_open(resident)
    leaving = lifecycle.switched_from(session, proposal)
    lifecycle.ensure_room_for(session, resident, placement, leaving=leaving.id if leaving else None)
    ensure_agreement_complete(session, proposal, placement.type)
    capacity.ensure_free_place(session, placement)
    eligibility.ensure_eligible(session, resident, placement, on)  # the resident's situation may have changed
    if leaving is not None:  # Simpel Switchen: the old place ends in the same step, never a day without one
        if leaving.started_on and on < leaving.started_on:
            raise InvalidInput({"on": "De nieuwe plek kan niet starten vóór de start van de huidige."})
        capacity.locked_placement(session, leaving.placement_id)
        free_place(session, leaving, resident, actor, on, "switched", "Gewisseld naar een andere plek")
        leaving.updated_at = utcnow()
        lifecycle.record_step(session, leaving, actor, "ended", on, leaving.reason)
    take_place(session, proposal, resident, placement, actor, on, s.end_date)


def end(session: Session, proposal: Proposal, resident: Resident, actor: Account, s: ProposalStep, on: date) -> None:
    if not s.outcome:
        raise InvalidInput({"outcome": "Kies de uitkomst: in dienst, afgerond, gewisseld of gestopt."})
    free_place(session, proposal, resident, actor, on, s.outcome, s.reason)
    if s.outcome == "hired":  # the other open proposals end, nazorg starts, the employment is recorded
        lifecycle.after_hire(session, proposal, resident, actor.id, on)


@dataclass(frozen=True)
class Step:
    to: str
    sources: tuple[str, ...]
    roles: tuple[str, ...]
    apply: Effect  # what the step does
    effect: str  # what happens, in the words of the page
    button: str  # the label of the button that takes this step


STEPS: dict[str, Step] = {
    step.to: step
    for step in (
        # to, from, who, what it does; then the effect in words and the button
        Step("consented", ("proposed",), ("consultant", "resident"), consent,
             "De inwoner stemt in: de organisatie ziet het voorstel.", "Toestemming vastleggen"),
        Step("introduced", ("consented",), (ORGANISATION, "adviser"), introduce,
             "Kennismaking of driegesprek gepland.", "Uitnodigen"),
        Step("started", ("introduced",), ("consultant", "adviser"), start,
             "De inwoner begint: één plaats is bezet en dit wordt de werkplek van de inwoner.", "Start vastleggen"),
        Step("ended", ("started",), ("consultant",), end,
             "De plaatsing is afgelopen met een uitkomst; de plaats is weer vrij.", "Beëindigen"),
        Step("declined", ("proposed", "consented", "introduced"), (ORGANISATION, "adviser"), decline,
             "De organisatie wijst het voorstel af, met een reden.", "Afwijzen"),
        Step("withdrawn", ("proposed", "consented", "introduced"), ("consultant", "resident"), withdraw,
             "Toestemming ingetrokken of om een andere reden teruggenomen.", "Intrekken"),
    )
}  # fmt: skip


def role_may(role: str, step: Step, *, own_organisation: bool) -> bool:
    """Whether this role may take the step; an organisation only on its own placements."""
    if role in step.roles:
        return True
    return ORGANISATION in step.roles and role in ORGANISATION_ROLES and own_organisation


def steps_for(status: str, role: str, *, own_organisation: bool) -> list[Step]:
    """The steps this user may take from this status: the buttons of the proposal page."""
    return [
        step
        for step in STEPS.values()
        if status in step.sources and role_may(role, step, own_organisation=own_organisation)
    ]


# -- what starting and ending a place share with Simpel Switchen and erasure ------------------------


def placement_event(
    session: Session, resident: Resident, actor: Account, old: int | None, new: int | None, on: date
) -> None:
    session.add(
        ResidentEvent(
            resident_id=resident.id,  # type: ignore[arg-type]
            kind="werkplek",
            old_value="" if old is None else str(old),
            new_value="" if new is None else str(new),
            on_date=on,
            author_id=actor.id,
        )
    )


def take_place(
    session: Session,
    proposal: Proposal,
    resident: Resident,
    placement: Placement,
    actor: Account,
    on: date,
    end_date: date | None,
) -> None:
    """The resident starts: the place is occupied and becomes the resident's workplace."""
    ensure_counselled(session, resident, placement, on)  # a paid start needs a recent income scenario
    proposal.started_on = on
    proposal.end_date = planned_end(session, proposal, placement.type, on, end_date)
    placement_event(session, resident, actor, None, placement.id, on)
    resident.updated_at = utcnow()
    proposal.status = "started"
    session.flush()  # counted as started before the placement's status is worked out
    capacity.sync_fill_status(session, placement, taken_or_freed=True)


def free_place(
    session: Session, proposal: Proposal, resident: Resident, actor: Account, on: date, outcome: str, reason: str
) -> None:
    """The place ends with an outcome and is free again."""
    if proposal.started_on and on < proposal.started_on:
        raise InvalidInput({"on": "De einddatum ligt vóór de start."})
    proposal.outcome, proposal.ended_on, proposal.reason = outcome, on, reason  # type: ignore[assignment]
    if proposal.status == "started":
        placement_event(session, resident, actor, proposal.placement_id, None, on)
        resident.updated_at = utcnow()
    proposal.status = "ended"
    session.flush()
    placement = session.get(Placement, proposal.placement_id)
    assert placement is not None
    capacity.sync_fill_status(session, placement, taken_or_freed=True)


def planned_end(
    session: Session, proposal: Proposal, placement_type: str, start: date, given: date | None
) -> date | None:
    """The resident's place ends within its type's limit for this resident (proposals/limits.py)."""
    terms = terms_from(current_app.config["CARROUSEL"])  # the trial limits are not edited in the pages
    return limits.planned_end(session, proposal, placement_type, start, given, terms)
