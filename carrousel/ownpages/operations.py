"""What the resident does on /ik, and the consultant's sign-in link for them.

Each function is one use case: checks, writes, flushes; the request commits once.
"""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from typing import cast

from flask import current_app, has_request_context
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from ..audit import log_own_access
from ..auth import resident as resident_auth
from ..auth.account import Account
from ..auth.resident import ResidentAccount
from ..errors import ApiError
from ..links import NO_BASE_URL, configured_base_url, external_url
from ..models import Proposal, Resident, ResidentEvent, utcnow
from ..models.base import CleanText
from ..proposals.consent import record_consent, withdraw_consent
from ..reminders.mail import send_message
from ..residents.operations import get_resident
from ..validation import InvalidInput
from .words import SCOPE_FIELDS, long_date


class Availability(BaseModel):
    """POST /resident/availability: "klopt dit nog?"."""

    model_config = ConfigDict(extra="forbid")

    hours_available: int | None = Field(ge=0, le=60)
    wished_occupations: list[CleanText] = Field(max_length=10)
    still_looking: bool


class Consent(BaseModel):
    """POST /resident/proposals/{id}/consent."""

    model_config = ConfigDict(extra="forbid")

    give: bool
    scope: list[str] = Field(default_factory=lambda: list(SCOPE_FIELDS))


def link_url(secret: str) -> str:
    """The sign-in link, from app.base_url (never from the request's Host: see links.py)."""
    if has_request_context():
        return external_url("ownpages.open_link", secret=secret)
    base = configured_base_url(current_app.config["CARROUSEL"])  # the command line: no request
    if not base:
        raise InvalidInput({"link": NO_BASE_URL})
    return f"{base}/ik/link/{secret}"


def make_link(session: Session, *, resident_id: int, actor: Account) -> tuple[str, datetime, bool]:
    """A new sign-in link for a resident of the own or shared caseload; mailed when possible."""
    resident = get_resident(session, resident_id, actor, action="inloglink")
    secret, expires_at = resident_auth.issue_link(session, resident_id=resident_id, created_by_id=actor.id)
    session.add(
        ResidentEvent(
            resident_id=resident_id,
            kind="inloglink",
            new_value=long_date(expires_at.date()),
            reason="Inloglink voor de eigen pagina's gemaakt",
            on_date=date.today(),
            author_id=actor.id,
        )
    )
    session.flush()
    url = link_url(secret)
    mailed = _mail_link(resident, url, expires_at) if resident.email else False
    return url, expires_at, mailed


def link_for_code(session: Session, code: str) -> tuple[Resident, str, datetime]:
    """A new sign-in link by the resident's code (the command line; the demo prints one)."""
    resident = session.exec(
        select(Resident).where(Resident.code == code.strip().upper(), col(Resident.erased_at).is_(None))
    ).first()
    if resident is None or resident.id is None:
        raise InvalidInput({"code": f"geen inwoner met code {code}"})
    secret, expires_at = resident_auth.issue_link(session, resident_id=resident.id, created_by_id=None)
    return resident, link_url(secret), expires_at


def _mail_link(resident: Resident, url: str, expires_at: datetime) -> bool:
    message = EmailMessage()
    message["To"] = resident.email
    message["Subject"] = "Uw link naar de Werkcarrousel"
    message.set_content(
        "\n".join(
            [
                f"Beste {resident.name},",
                "",
                "Met deze link ziet u wat wij over u bewaren. U kunt ook uw uren en wensen aanpassen.",
                "U heeft geen wachtwoord nodig.",
                "",
                url,
                "",
                f"De link werkt tot en met {long_date(expires_at.date())}.",
                "Deel de link met niemand. Vragen? Neem contact op met uw consulent.",
            ]
        )
    )
    return send_message(current_app.config["CARROUSEL"]["mail"], message)


def own_resident(session: Session, actor: ResidentAccount) -> Resident:
    resident = session.get(Resident, actor.resident_id)
    if resident is None or resident.erased_at is not None:
        raise ApiError(404)
    return resident


def confirm_availability(session: Session, *, actor: ResidentAccount, data: Availability) -> Resident:
    """ "Klopt dit nog?": hours, wishes and still looking, confirmed today."""
    resident = own_resident(session, actor)
    changed = [
        name
        for name in ("hours_available", "wished_occupations", "still_looking")
        if getattr(resident, name) != getattr(data, name)
    ]
    with session.no_autoflush:
        resident.hours_available = data.hours_available
        resident.wished_occupations = [w for w in data.wished_occupations if w]
        resident.still_looking = data.still_looking
        resident.availability_confirmed_on = date.today()
        resident.updated_at = utcnow()  # the matching index re-reads the resident
    session.add(
        ResidentEvent(
            resident_id=resident.id,  # type: ignore[arg-type]
            kind="bevestigd",
            new_value="veranderd" if changed else "klopt",
            reason="De inwoner bevestigde uren en wensen online" + (f" ({', '.join(changed)})" if changed else ""),
            on_date=date.today(),
        )
    )
    session.flush()
    log_own_access(session, resident.id, "gewijzigd")  # type: ignore[arg-type]
    return resident


def own_proposal(session: Session, actor: ResidentAccount, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.resident_id != actor.resident_id:
        raise ApiError(404)
    return proposal


def consent(session: Session, *, actor: ResidentAccount, proposal_id: int, data: Consent) -> Proposal:
    """Consent given (channel online, with its scope) or withdrawn by the resident on /ik.

    The record is the privacy area's (`proposals/consent.py`): a snapshot of the scoped fields at
    consent; a withdrawal after the start hides it from the organisation and tells the consultant.
    """
    proposal = own_proposal(session, actor, proposal_id)
    unknown = [name for name in data.scope if name not in SCOPE_FIELDS]
    if unknown or (data.give and not data.scope):
        raise InvalidInput({"scope": "Kies wat de organisatie mag zien uit de lijst."})
    as_actor = cast(Account, actor)  # the state table and the record name the role "resident"
    if data.give:
        if proposal.status != "proposed":
            raise ApiError(409, "U gaf al toestemming, of dit voorstel loopt niet meer.", code="invalid_transition")
        record_consent(session, proposal=proposal, channel="online", scope=data.scope, on=None, actor=as_actor)
    else:
        withdraw_consent(session, proposal=proposal, on=None, actor=as_actor)
    log_own_access(session, actor.resident_id, "gewijzigd")
    return proposal
