"""Who may use what, declared once per route; enforced for every request in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, redirect, request, url_for
from flask_login import current_user

from .errors import error_response, wants_json

F = TypeVar("F", bound=Callable[..., Any])
PUBLIC = frozenset({"*"})
RESIDENT = "resident"  # a resident signed in with a link (auth/resident.py): /ik and /api/v1/resident only
_ATTR = "_carrousel_roles"


def allow(*roles: str) -> Callable[[F], F]:
    """Let only these roles use the view."""

    def mark(view: F) -> F:
        setattr(view, _ATTR, frozenset(roles))
        return view

    return mark


def public(view: F) -> F:
    """Anyone may use the view, logged in or not (a signed-in resident not: see `_enforce`)."""
    setattr(view, _ATTR, PUBLIC)
    return view


def public_and_resident(view: F) -> F:
    """Anyone may use the view, a signed-in resident too (opening a sign-in link)."""
    setattr(view, _ATTR, frozenset({"*", RESIDENT}))
    return view


def roles_for(app: Flask, endpoint: str) -> frozenset[str] | None:
    """The roles declared for an endpoint; None when nothing was declared."""
    if endpoint == "static":
        return PUBLIC
    view = app.view_functions.get(endpoint)
    return getattr(view, _ATTR, None)


def init_app(app: Flask) -> None:
    @app.before_request
    def _enforce() -> Any:
        if request.endpoint is None:  # no such URL: the 404 handler answers
            return None
        roles = roles_for(current_app, request.endpoint)
        if current_user.is_authenticated and current_user.role == RESIDENT:
            # A resident's session or token reaches the views declared for residents, nothing
            # else: not even the public ones (the catalogue, the API's own document).
            if request.endpoint == "static" or (roles is not None and RESIDENT in roles):
                return None
            return error_response(403)
        if roles is not None and "*" in roles:
            return None
        if not current_user.is_authenticated:
            if wants_json():
                return error_response(401)
            if roles is not None and roles == {RESIDENT}:
                return redirect(url_for("ownpages.signed_out"))
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        # Fail closed: a view nobody declared roles for is open to nobody.
        if roles is None or current_user.role not in roles:
            return error_response(403)
        return None
