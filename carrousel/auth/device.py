"""Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies").

At each successful login the browser gets a signed cookie for that account: the account's
e-mail and a fresh random nonce. A later attempt for the same account that carries a valid
one is counted against that device only, so an attacker who fails from many addresses (or
behind the same NAT) never locks the owner out on a device used before; attempts without a
valid cookie stay under the address and account limits (throttle.py). A stolen cookie gains
little: its own failures slow it down like any (account, address) pair.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_PREFIX = "carrousel_apparaat_"
_SALT = "carrousel-device-cookie"


def cookie_name(email: str) -> str:
    """One cookie per account, so two colleagues on one workstation each keep theirs."""
    return COOKIE_PREFIX + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(current_app.config["SECRET_KEY"]), salt=_SALT)


def _max_age() -> int:
    return int(current_app.config["CARROUSEL"]["security"]["device_cookie_days"]) * 86400


def device_for(email: str) -> str | None:
    """The nonce of this request's valid device cookie for the account; None without one."""
    email = email.strip().lower()
    raw = request.cookies.get(cookie_name(email))
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=_max_age())
    except BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or data.get("email") != email or not isinstance(data.get("nonce"), str):
        return None
    nonce: str = data["nonce"]
    return nonce[:32]


def remember(response: Any, email: str) -> Any:
    """Give the browser a fresh device cookie for the account that just logged in."""
    email = email.strip().lower()
    value = _serializer().dumps({"email": email, "nonce": secrets.token_hex(16)})
    response.set_cookie(
        cookie_name(email),
        value,
        max_age=_max_age(),
        httponly=True,
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]),
        samesite="Lax",
        path="/",
    )
    return response
