"""Login throttling: slow a guesser down instead of locking the account's owner out.

Failed attempts (a wrong password, a wrong second-factor code) are counted in the database,
so the limits hold across all workers, for three keys within a sliding window:

| key | guards against | default limit |
|---|---|---|
| account and address | one client guessing one account's password | 5 |
| address | one client trying many accounts | 20 |
| account, all addresses | a guess spread over many addresses | 50 |

An attempt that carries a valid device cookie for the account (device.py, OWASP) is counted
against that device only, with the first limit, and never held up by the three keys above:
the owner on a device used before is never locked out by somebody else's failures. The API
token endpoint has no cookies; it counts per (account, address) only, so failures from other
addresses never refuse the owner's script.

Below a limit an attempt is checked at once. Past it, each further attempt must wait: the
first delay after the last failure, doubled with each failure past the limit, at most the
maximum (429 with Retry-After). Nothing is ever locked: once the wait is over, the right
password works, and a wrong one doubles the wait. The account's owner, from another
address, is held up only by the third key, whose limit an attacker must reach from many
addresses. Behind a proxy the address is the client's only when `security.trusted_proxies`
is set (see security.py).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func
from sqlmodel import Session, select

from ..db import engine_of
from ..errors import ApiError
from ..models import LoginFailure, utcnow


def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = current_app.config["CARROUSEL"]["security"]
    return settings


def _keys(email: str, address: str, device: str | None, api: bool) -> list[tuple[tuple[Any, ...], int]]:
    """The counts that apply to this attempt, each with its limit."""
    sec = _settings()
    per_account = int(sec["max_failures_per_account"])
    if device is not None:
        return [((LoginFailure.device == device, LoginFailure.email == email), per_account)]
    if api:
        return [((LoginFailure.email == email, LoginFailure.address == address), per_account)]
    without_device = LoginFailure.device.is_(None)  # type: ignore[union-attr]
    return [
        ((LoginFailure.email == email, LoginFailure.address == address, without_device), per_account),
        ((LoginFailure.address == address, without_device), int(sec["max_failures_per_address"])),
        ((LoginFailure.email == email, without_device), int(sec["max_failures_per_account_total"])),
    ]


def seconds_to_wait(
    session: Session,
    *,
    email: str,
    address: str,
    device: str | None = None,
    api: bool = False,
    now: datetime | None = None,
) -> int:
    """How long this attempt (account, address, device cookie) must wait; 0: try now."""
    sec = _settings()
    address = address[:64]  # as stored
    now = now or utcnow()
    since = now - timedelta(minutes=int(sec["failure_window_minutes"]))
    keys = _keys(email, address, device, api)
    wait = 0.0
    for conditions, limit in keys:
        count, last = session.exec(
            select(func.count(), func.max(LoginFailure.at)).where(LoginFailure.at >= since, *conditions)
        ).one()
        if count < limit or last is None:
            continue
        delay = min(
            float(sec["throttle_delay_seconds"]) * 2 ** min(count - limit, 30),
            float(sec["throttle_max_delay_seconds"]),
        )
        last = last if last.tzinfo else last.replace(tzinfo=UTC)  # SQLite keeps no time zone
        wait = max(wait, (last + timedelta(seconds=delay) - now).total_seconds())
    return math.ceil(wait) if wait > 0 else 0


def check_not_throttled(
    session: Session, *, email: str, address: str, device: str | None = None, api: bool = False
) -> None:
    """429 with Retry-After while this client must wait for this account."""
    wait = seconds_to_wait(session, email=email, address=address, device=device, api=api)
    if wait:
        raise ApiError(
            429,
            f"Te veel mislukte pogingen. Probeer het over {_duration(wait)} opnieuw.",
            headers={"Retry-After": str(wait)},
        )


def record_failure(email: str, address: str, device: str | None = None) -> None:
    """Count a failed attempt in its own transaction: the request that failed rolls back."""
    with Session(engine_of(current_app)) as own:
        own.add(LoginFailure(email=email[:254], address=address[:64], device=device))
        own.commit()


def _duration(seconds: int) -> str:
    if seconds < 60:
        return "1 seconde" if seconds == 1 else f"{seconds} seconden"
    minutes = math.ceil(seconds / 60)
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"
