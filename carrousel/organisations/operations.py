"""Writes on organisations: self-registration, creation by an adviser, approval, changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz
from sqlmodel import Session, select

from ..auth.account import Account
from ..auth.service import create_user, hash_password
from ..errors import ApiError
from ..guards import check_version, ensure_own_organisation
from ..models import Organisation, OrganisationCreate, OrganisationUpdate, User, utcnow
from ..models.base import CleanText, Email

DUPLICATE_SCORE = 85  # token_set_ratio above which two names in one area look like one body


class Registration(OrganisationCreate):
    """The public sign-up form: the organisation and its first user."""

    model_config = ConfigDict(extra="forbid")

    user_name: CleanText = Field(min_length=2, max_length=200)
    user_email: Email
    password: str = Field(min_length=10, max_length=200)


def register_organisation(session: Session, *, form: Registration) -> Organisation | None:
    """A pending organisation with its first user, whose role is the organisation's kind.

    When the e-mail address already has an account nothing is made, and the visitor gets the
    same answer as a new one: the public form must not tell who has an account here.
    """
    if session.exec(select(User.id).where(User.email == form.user_email)).first() is not None:
        hash_password(form.password)  # the same work as a real sign-up, so the timing tells nothing either
        return None
    organisation = Organisation(**form.model_dump(include=set(OrganisationCreate.model_fields)))
    session.add(organisation)
    session.flush()
    create_user(
        session,
        email=form.user_email,
        password=form.password,
        role=form.kind,
        name=form.user_name,
        organisation_id=organisation.id,
    )
    return organisation


def looks_alike(name: str, postcode: str, other_name: str, other_postcode: str) -> bool:
    """A name that looks alike in the same 4-digit area, or a nearly equal name anywhere."""
    score = fuzz.token_set_ratio(name.lower(), other_name.lower())
    return (score >= DUPLICATE_SCORE and other_postcode[:4] == postcode[:4]) or score >= 97


def likely_duplicates(session: Session, *, name: str, postcode: str) -> list[Organisation]:
    """Organisations whose name looks alike in the same 4-digit area (or nearly equal anywhere)."""
    return [o for o in session.exec(select(Organisation)).all() if looks_alike(name, postcode, o.name, o.postcode)]


def create_organisation(
    session: Session, *, data: OrganisationCreate, actor: Account, confirm_duplicate: bool = False
) -> Organisation:
    """An adviser registers an organisation: approved at once, after a duplicate warning."""
    if not confirm_duplicate:
        twins = likely_duplicates(session, name=data.name, postcode=data.postcode)
        if twins:
            names = ", ".join(f"{o.name} ({o.postcode})" for o in twins)
            raise ApiError(
                409,
                f"Deze organisatie lijkt al te bestaan: {names}. Bevestig als het toch een andere organisatie is.",
                {"name": "Mogelijk dubbel: " + names},
            )
    organisation = Organisation(**data.model_dump(), status="approved", approved_at=utcnow(), created_by_id=actor.id)
    session.add(organisation)
    session.flush()
    return organisation


def get_organisation(session: Session, organisation_id: int, actor: Account) -> Organisation:
    ensure_own_organisation(actor, organisation_id)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise ApiError(404)
    return organisation


def update_organisation(
    session: Session, *, organisation_id: int, data: OrganisationUpdate, actor: Account
) -> Organisation:
    organisation = get_organisation(session, organisation_id, actor)
    check_version(organisation, data.version)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    for key, value in changes.items():
        setattr(organisation, key, value)
    organisation.updated_at = utcnow()
    session.flush()
    return organisation


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: CleanText = Field(default="", max_length=500)


def decide(session: Session, *, organisation_id: int, status: str, reason: str = "") -> Organisation:
    """Approve, reject (a reason is required) or deactivate an organisation."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise ApiError(404)
    if status == "rejected" and not reason.strip():
        raise ApiError(422, "Geef een reden voor de afwijzing.", {"reason": "Geef een reden op."})
    organisation.status = status  # type: ignore[assignment]
    organisation.status_reason = reason.strip()
    if status == "approved":
        organisation.approved_at = utcnow()
    organisation.updated_at = utcnow()
    session.flush()
    return organisation
