"""The resident's own sign-in: a link from the consultant instead of a password.

The link's secret opens a browser session on /ik or a bearer token for /api/v1/resident;
both reach only that resident's own data (see access.py). Only SHA-256 digests are stored.
A secret of a resident starts with "r." so that the loaders know which table to ask.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import update
from sqlmodel import Session, col, select

from ..errors import ApiError
from ..models import Resident, ResidentLink, ResidentToken, utcnow
from . import throttle

PREFIX = "r."
ROLE = "resident"
# One answer for a link that never existed, expired or was replaced: nothing to enumerate.
LINK_REFUSED = "Deze link werkt niet (meer). Vraag uw consulent om een nieuwe link."


@dataclass(frozen=True)
class ResidentAccount(UserMixin):  # type: ignore[misc]
    """A signed-in resident: reaches /ik and /api/v1/resident of this resident only."""

    resident_id: int
    token: str
    role: str = ROLE
    name: str = ""
    organisation_id: None = None
    mfa_enrolled: bool = False

    def get_id(self) -> str:
        return self.token

    @property
    def id(self) -> None:  # no user account: the access log and the history record "de inwoner"
        return None

    @property
    def display_name(self) -> str:
        return self.name or "Inwoner"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = current_app.config["CARROUSEL"]["residents"]
    return settings


def is_resident_secret(secret: str) -> bool:
    return secret.startswith(PREFIX)


def issue_link(session: Session, *, resident_id: int, created_by_id: int | None) -> tuple[str, datetime]:
    """A new sign-in link for the resident; the older links and what they opened end now."""
    now = utcnow()
    session.execute(
        update(ResidentLink)
        .where(col(ResidentLink.resident_id) == resident_id, col(ResidentLink.ended_at).is_(None))
        .values(ended_at=now)
    )
    revoke_all(session, resident_id)
    secret = PREFIX + secrets.token_urlsafe(32)
    expires_at = now + timedelta(days=int(_settings()["link_days"]))
    session.add(
        ResidentLink(
            resident_id=resident_id, token_hash=_digest(secret), created_by_id=created_by_id, expires_at=expires_at
        )
    )
    session.flush()
    return secret, expires_at


def revoke_all(session: Session, resident_id: int) -> None:
    session.execute(
        update(ResidentToken)
        .where(col(ResidentToken.resident_id) == resident_id, col(ResidentToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def _throttle_key(address: str) -> str:
    return f"inwonerlink@{address[:40]}"


def redeem_link(session: Session, *, link: str, kind: str, address: str) -> tuple[str, datetime, int]:
    """Open a session ("session") or a bearer token ("api") with a valid link; 429 while throttled.

    Unknown, expired and replaced links get the same 401, so nobody learns which links exist.
    The token lasts as long as a login session, never beyond the link's own expiry.
    """
    key = _throttle_key(address)
    throttle.check_not_throttled(session, email=key, address=address)
    now = utcnow()
    row = session.exec(
        select(ResidentLink, Resident)
        .join(Resident, Resident.id == ResidentLink.resident_id)  # type: ignore[arg-type]
        .where(
            ResidentLink.token_hash == _digest(link.strip()),
            ResidentLink.ended_at.is_(None),  # type: ignore[union-attr]
            ResidentLink.expires_at > now,
            Resident.erased_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()
    if row is None:
        session.rollback()  # nothing else written: frees SQLite's write lock for the count
        throttle.record_failure(key, address)
        raise ApiError(401, LINK_REFUSED)
    found, resident = row
    hours = (
        int(_settings()["session_hours"])
        if kind == "session"
        else int(current_app.config["CARROUSEL"]["app"]["token_hours"])
    )
    link_expiry = found.expires_at if found.expires_at.tzinfo else found.expires_at.replace(tzinfo=now.tzinfo)
    expires_at = min(now + timedelta(hours=hours), link_expiry)
    secret = PREFIX + secrets.token_urlsafe(32)
    session.add(
        ResidentToken(
            resident_id=resident.id,  # type: ignore[arg-type]
            link_id=found.id,
            token_hash=_digest(secret),
            kind=kind,  # type: ignore[arg-type]
            expires_at=expires_at,
        )
    )
    session.flush()
    assert resident.id is not None
    return secret, expires_at, resident.id


def account_for_secret(session: Session, secret: str, kind: str) -> ResidentAccount | None:
    """The resident a session cookie or bearer token belongs to, while it is valid."""
    row = session.exec(
        select(ResidentToken.resident_id, Resident.name)
        .join(Resident, Resident.id == ResidentToken.resident_id)  # type: ignore[arg-type]
        .where(
            ResidentToken.token_hash == _digest(secret),
            ResidentToken.kind == kind,
            ResidentToken.expires_at > utcnow(),
            ResidentToken.revoked_at.is_(None),  # type: ignore[union-attr]
            Resident.erased_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()
    if row is None:
        return None
    resident_id, name = row
    return ResidentAccount(resident_id=resident_id, token=secret, name=name)


def end_session(session: Session, secret: str) -> None:
    session.execute(
        update(ResidentToken).where(col(ResidentToken.token_hash) == _digest(secret)).values(revoked_at=utcnow())
    )
