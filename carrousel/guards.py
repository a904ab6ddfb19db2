"""Checks that an organisation user acts on their own organisation only."""

from __future__ import annotations

from typing import Any

from .auth.account import Account
from .errors import ApiError
from .terms import ORGANISATION_ROLES

MUNICIPAL_ROLES = frozenset({"consultant", "adviser", "admin"})


def is_organisation_user(account: Account) -> bool:
    return account.role in ORGANISATION_ROLES


def ensure_own_organisation(account: Account, organisation_id: int) -> None:
    """Employers and locations may touch their own organisation only (404: no hint it exists)."""
    if is_organisation_user(account) and account.organisation_id != organisation_id:
        raise ApiError(404)


def check_version(record: Any, version: int | None) -> None:
    """A change based on an older version answers 409 instead of overwriting newer work."""
    if version is not None and version != record.version:
        raise ApiError(409)
