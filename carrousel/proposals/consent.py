"""Consent as a record: give it (with a channel, a scope and a snapshot) and withdraw it.

CONTRACT.md *What an organisation sees*. Plain service functions, for the consultant's pages and
API and for the resident's own pages (channel `online`): they check, write and flush; the request
commits once. What an organisation then reads is decided in `carrousel/disclosure.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from flask import current_app
from pydantic import ValidationError
from sqlmodel import Session, select

from ..auth.account import Account
from ..errors import ApiError
from ..guards import check_version
from ..models import ConsentBody, ConsentRecord, Proposal, ProposalStep, Resident, utcnow
from ..models.consent import CHANNEL_LABELS, CONSENT_SCOPE
from ..reminders.operations import remind_consent_withdrawn
from ..validation import InvalidInput, field_errors
from . import operations
from .states import STEPS, role_may

# Before the start a withdrawal of consent stops the proposal; after it, the place runs on.
BEFORE_START = ("proposed", "consented", "introduced")
RUNNING_OR_DONE = ("started", "ended")
# Who records a withdrawal after the start: the consultant (told so), the resident (on /ik).
WITHDRAWERS = ("consultant", "resident")


def take_step(session: Session, *, proposal_id: int, data: ProposalStep, actor: Account) -> Proposal:
    """A step from the API or the proposal page: consent goes through its record, any other step as it is."""
    if data.to == "consented":
        if data.consent is None:
            raise InvalidInput({"consent.channel": "Geef aan hoe de inwoner toestemming gaf."})
        proposal = operations.get_proposal(session, proposal_id, actor, action="voorstel stap")
        record_consent(
            session,
            proposal=proposal,
            channel=data.consent.channel,
            scope=data.consent.scope,
            on=data.on,
            actor=actor,
            version=data.version,
        )
        return proposal
    if data.consent is not None:
        raise InvalidInput({"consent": "Toestemming hoort alleen bij de stap naar toestemming gegeven."})
    return operations.transition(session, proposal_id=proposal_id, data=data, actor=actor)


def checked_consent(channel: Any, scope: Any = None) -> ConsentBody:
    """The consent's channel and scope, or 422 naming `consent.channel` / `consent.scope`."""
    raw: dict[str, Any] = {"channel": channel}
    if scope is not None:
        raw["scope"] = scope
    try:
        body = ConsentBody.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput({f"consent.{name}": message for name, message in field_errors(exc).items()}) from None
    if not body.scope:
        raise InvalidInput(
            {"consent.scope": "Kies wat de organisatie mag zien; de naam ziet zij pas bij de uitnodiging."}
        )
    return body


def snapshot_of(resident: Resident, scope: Iterable[str]) -> dict[str, Any]:
    """The scoped resident fields as they are now, as plain JSON values."""
    values: dict[str, Any] = {}
    for name in scope:
        value = getattr(resident, name)
        values[name] = list(value) if isinstance(value, list | tuple) else value
    return values


def record_consent(
    session: Session,
    *,
    proposal: Proposal,
    channel: str,
    scope: Sequence[str] | None,
    on: date | None,
    actor: Account,
    version: int | None = None,
) -> ConsentRecord:
    """The resident consents: a `proposed` proposal becomes `consented` (a step of the state table),
    and the record keeps the channel, the scope and a snapshot of the scoped fields as of now.

    On a proposal already `consented` without a record (Simpel Switchen makes one so) it only
    writes the record. Bad values: 422 naming `consent.channel` or `consent.scope`.
    """
    body = checked_consent(channel, None if scope is None else list(scope))
    if body.channel == "online" and actor.role in ("consultant", "adviser"):
        raise InvalidInput({"consent.channel": "Online toestemming geeft de inwoner zelf, op de eigen pagina's."})
    assert proposal.id is not None
    existing = _record_of(session, proposal.id)
    if proposal.status == "proposed":
        step = ProposalStep(to="consented", on=on, version=version)
        operations.transition(session, proposal_id=proposal.id, data=step, actor=actor)
    elif proposal.status != "consented" or existing is not None:
        raise ApiError(409, "Toestemming geeft een inwoner bij een nieuw voorstel.", code="invalid_transition")
    elif not role_may(actor.role, STEPS["consented"], own_organisation=False):
        raise ApiError(403, "Deze stap is niet aan u.")
    resident = session.get(Resident, proposal.resident_id)
    assert resident is not None
    record = ConsentRecord(
        proposal_id=proposal.id,
        given_on=proposal.waiting_since or on or date.today(),
        channel=body.channel,
        scope=[name for name in CONSENT_SCOPE if name in body.scope],
        snapshot=snapshot_of(resident, body.scope),
        recorded_by_id=actor.id if actor.role != "resident" else None,
    )
    session.add(record)
    session.flush()
    return record


def withdraw_consent(
    session: Session, *, proposal: Proposal, on: date | None, actor: Account, version: int | None = None
) -> Proposal:
    """The resident withdraws consent.

    Before the start it is the ordinary `withdrawn` step. While `started` or `ended` it sets
    `withdrawn_on`: the organisation no longer sees the snapshot (the name stays once they met),
    the consultant gets a reminder `consent_withdrawn`, and a running place is not ended by it.
    """
    on = on or date.today()
    assert proposal.id is not None
    record = _record_of(session, proposal.id)
    was = proposal.status
    if proposal.status in RUNNING_OR_DONE and actor.role not in WITHDRAWERS:
        raise ApiError(403, "De inwoner trekt de toestemming in, of de consulent legt dat vast.")
    if proposal.status in BEFORE_START:
        step = ProposalStep(to="withdrawn", on=on, reason="Toestemming ingetrokken", version=version)
        operations.transition(session, proposal_id=proposal.id, data=step, actor=actor)
    elif proposal.status not in RUNNING_OR_DONE:
        raise ApiError(
            409, "Dit voorstel loopt niet meer; er is geen toestemming in te trekken.", code="invalid_transition"
        )
    elif record is not None and record.withdrawn_on is not None:
        raise ApiError(409, "De toestemming is al ingetrokken.", code="invalid_transition")
    else:
        check_version(proposal, version)
    if record is None:
        if was == "proposed":  # no consent was given: nothing to record
            return proposal
        # Consented before consent was a record: the withdrawal is recorded all the same.
        record = ConsentRecord(proposal_id=proposal.id, given_on=proposal.waiting_since or on)
        session.add(record)
    if proposal.status in RUNNING_OR_DONE:
        if on < record.given_on:
            raise InvalidInput({"on": "De intrekking ligt vóór de toestemming."})
        proposal.updated_at = utcnow()
    record.withdrawn_on = on
    record.snapshot = {}  # nothing kept that no one may read any more
    session.flush()
    if proposal.status in RUNNING_OR_DONE:
        mail = bool(current_app.config["CARROUSEL"]["mail"]["smtp_host"])
        remind_consent_withdrawn(session, proposal_id=proposal.id, today=date.today(), mail=mail)
    return proposal


def _record_of(session: Session, proposal_id: int) -> ConsentRecord | None:
    return session.exec(select(ConsentRecord).where(ConsentRecord.proposal_id == proposal_id)).first()


def channel_label(channel: str | None) -> str:
    return CHANNEL_LABELS.get(channel or "", "Niet vastgelegd (van vóór de toestemmingsregistratie)")
