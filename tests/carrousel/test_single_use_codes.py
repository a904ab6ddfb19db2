"""Issue 17, item 3: one TOTP code or recovery code gives one token, even when requests race."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pyotp
import pytest
from flask import Flask

from carrousel.auth.account import Account
from carrousel.auth.mfa import _digest
from carrousel.db import unit_of_work
from carrousel.models import RecoveryCode, User, utcnow
from tests.conftest import PASSWORD

RACERS = 8


def _enrolled(app: Flask, account: Account) -> tuple[str, str]:
    """Enrol the account directly: its secret and one recovery code."""
    secret, recovery = pyotp.random_base32(), "ABCDE23456"
    with unit_of_work(app) as session:
        user = session.get(User, account.id)
        assert user is not None
        user.totp_secret, user.mfa_enabled_at = secret, utcnow()
        session.add(RecoveryCode(user_id=account.id, code_hash=_digest(recovery)))
    return secret, "abcde-23456"


def _race(app: Flask, body: dict[str, str]) -> list[int]:
    """RACERS clients, each its own request and database connection, released at once."""
    barrier = threading.Barrier(RACERS)
    statuses: list[int] = []
    lock = threading.Lock()

    def request() -> None:
        client = app.test_client()
        barrier.wait(timeout=30)
        status = client.post("/api/v1/auth/token", json=body).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=request) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


@pytest.mark.parametrize("which", ["totp", "recovery"])
def test_parallel_token_requests_with_one_code_get_one_token(
    app: Flask, make_user: Callable[..., Account], which: str
) -> None:
    account = make_user("adviser")
    secret, recovery = _enrolled(app, account)
    code = pyotp.TOTP(secret).at(int(time.time()) + 30) if which == "totp" else recovery
    statuses = _race(app, {"email": account.email, "password": PASSWORD, "otp": code})
    assert len(statuses) == RACERS
    assert statuses.count(201) == 1, statuses
    assert set(statuses) <= {201, 401, 429}
