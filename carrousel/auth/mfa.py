"""The second factor: TOTP (an authenticator app) with single-use recovery codes.

BIO2 asks a second factor for accounts reachable from the internet. The roles in
`security.mfa_required_roles` must enrol before they can do anything else; the other roles
may. A code is accepted for the current 30-second step and one step either side (clock
drift), and never twice (the last step used is kept). Recovery codes are stored as SHA-256
hashes: they are random (50 bits), so a slow hash adds nothing, and each works once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

import pyotp
import segno
from flask import current_app
from sqlalchemy import delete, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from ..errors import ApiError
from ..models import AccessLog, RecoveryCode, User, utcnow
from ..validation import InvalidInput
from . import throttle
from .account import Account
from .service import end_all_sessions

log = logging.getLogger(__name__)

RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
STEP_SECONDS = 30


def required_for(role: str) -> bool:
    return role in current_app.config["CARROUSEL"]["security"]["mfa_required_roles"]


def enrolled(user: User) -> bool:
    return user.mfa_enabled_at is not None and bool(user.totp_secret)


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise ApiError(404)
    return user


def pending_secret(session: Session, *, user_id: int) -> str:
    """The secret being enrolled: made once, kept until confirmed (a reload shows the same QR)."""
    user = _user(session, user_id)
    if enrolled(user):
        raise ApiError(409, "Tweestapsverificatie staat al aan.")
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        session.flush()
    return user.totp_secret


def provisioning_uri(user: User, secret: str) -> str:
    issuer = str(current_app.config["CARROUSEL"]["security"]["mfa_issuer"])
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """The otpauth URI as a QR code in an SVG data URI: an <img>, so the CSP stays strict."""
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, border=2))


def confirm_enrolment(session: Session, *, user_id: int, code: str) -> list[str]:
    """Turn the second factor on once a code from the app proves it works; the recovery codes."""
    user = _user(session, user_id)
    if enrolled(user) or not user.totp_secret:
        raise ApiError(409, "Tweestapsverificatie staat al aan of is nog niet begonnen.")
    if not _accept_totp(session, user, code):
        raise InvalidInput({"code": "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat."})
    user.mfa_enabled_at = utcnow()
    codes = _new_recovery_codes(session, user)
    session.flush()
    return codes


def verify(session: Session, user: User, code: str) -> bool:
    """A code from the app, or an unused recovery code (which is then used up)."""
    if not enrolled(user):
        return False
    if _accept_totp(session, user, code):
        return True
    cleaned = _normalise_recovery(code)
    if len(cleaned) != 10:
        return False
    # The conditional UPDATE decides: of two requests racing with one code, the database lets
    # one change the row; the other finds it used (PostgreSQL re-reads the row after the lock).
    spent = session.exec(
        update(RecoveryCode)
        .where(
            col(RecoveryCode.user_id) == user.id,
            col(RecoveryCode.code_hash) == _digest(cleaned),
            col(RecoveryCode.used_at).is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(spent.rowcount == 1)


def check_api_second_factor(session: Session, user: User, otp: str | None, address: str) -> None:
    """The token endpoint's second step (CONTRACT.md, MFA): 401 otp_required / otp_invalid, 403."""
    if enrolled(user):
        if not otp:
            raise ApiError(401, "Geef ook de code uit uw authenticator-app (otp).", code="otp_required")
        if not verify(session, user, otp):
            email = user.email  # read before the rollback, which expires the row
            session.rollback()  # frees SQLite's write lock for the failure's own transaction
            throttle.record_failure(email, address)
            raise ApiError(401, "De code (otp) klopt niet.", code="otp_invalid")
    elif required_for(user.role):
        raise ApiError(
            403,
            "Stel eerst tweestapsverificatie in: log in op de website en volg de stappen.",
            code="mfa_enrolment_required",
        )


def unused_recovery_codes(session: Session, user_id: int) -> int:
    rows = session.exec(
        select(RecoveryCode.id).where(RecoveryCode.user_id == user_id, col(RecoveryCode.used_at).is_(None))
    ).all()
    return len(rows)


def renew_recovery_codes(session: Session, *, user_id: int, code: str) -> list[str]:
    """Ten fresh codes for a current code from the app; the old ones stop working."""
    user = _user(session, user_id)
    if not verify(session, user, code):
        raise InvalidInput({"code": "Deze code klopt niet."})
    codes = _new_recovery_codes(session, user)
    session.flush()
    return codes


def turn_off(session: Session, *, user_id: int, code: str) -> None:
    """A role that need not use it may turn it off, with a current code."""
    user = _user(session, user_id)
    if required_for(user.role):
        raise ApiError(403, "Voor uw rol is tweestapsverificatie verplicht.")
    if not verify(session, user, code):
        raise InvalidInput({"code": "Deze code klopt niet."})
    _clear(session, user)


def reset_by_admin(session: Session, *, user_id: int, actor: Account) -> User:
    """A lost phone: the admin clears the second factor; the user enrols again at next login."""
    user = _user(session, user_id)
    _clear(session, user)
    end_all_sessions(session, user_id)
    # In the access log (who did what, when) and in the application log for the operator.
    session.add(AccessLog(user_id=actor.id, resident_id=None, action="mfa-herstel", detail=f"account {user.email}"))
    log.warning("Tweestapsverificatie van %s hersteld door beheerder %s", user.email, actor.email)
    session.flush()
    return user


def _clear(session: Session, user: User) -> None:
    user.totp_secret, user.mfa_enabled_at, user.totp_last_step = None, None, None
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))


def _accept_totp(session: Session, user: User, code: str) -> bool:
    code = "".join(ch for ch in (code or "") if not ch.isspace())
    if not user.totp_secret or len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = int(time.time()) // STEP_SECONDS
    for step in (now - 1, now, now + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue  # a code once used (or older) never works again
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return _claim_step(session, user, step)
    return False


def _claim_step(session: Session, user: User, step: int) -> bool:
    """Mark the time step used; only the request whose UPDATE changed the row may go on.

    A check in Python and a plain write would let parallel requests with one code all pass
    (each read the old step); the row count of this conditional UPDATE is decided by the
    database under its row lock.
    """
    later = col(User.totp_last_step).is_(None) | (col(User.totp_last_step) < step)
    claimed = session.exec(
        update(User)
        .where(col(User.id) == user.id, later)
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    set_committed_value(user, "totp_last_step", step)
    return True


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    assert user.id is not None  # a stored user
    unused = (col(RecoveryCode.user_id) == user.id) & col(RecoveryCode.used_at).is_(None)
    session.exec(update(RecoveryCode).where(unused).values(used_at=utcnow()))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        session.add(RecoveryCode(user_id=user.id, code_hash=_digest(raw)))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def _normalise_recovery(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
