"""The logged-in user as flask-login sees it: plain data, detached from the database."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin


@dataclass(frozen=True)
class Account(UserMixin):  # type: ignore[misc]
    id: int
    email: str
    name: str
    role: str
    organisation_id: int | None
    token: str  # the login session's or API token's secret; what the cookie refers to
    mfa_enrolled: bool = False  # the second factor is on (see auth/mfa.py)

    def get_id(self) -> str:
        # The cookie names the server-side session, not the user: deleting the session row
        # ends this login for real, even if somebody replays the old cookie.
        return self.token

    @property
    def display_name(self) -> str:
        return self.name or self.email
