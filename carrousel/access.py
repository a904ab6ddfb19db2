"""Who may use what, declared once per route; enforced for every request in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, redirect, request, url_for
from flask_login import current_user

from .errors import error_response, wants_json

F = TypeVar("F", bound=Callable[..., Any])
PUBLIC = frozenset({"*"})
_ATTR = "_carrousel_roles"


def allow(*roles: str) -> Callable[[F], F]:
    """Let only these roles use the view."""

    def mark(view: F) -> F:
        setattr(view, _ATTR, frozenset(roles))
        return view

    return mark


def public(view: F) -> F:
    """Anyone may use the view, logged in or not."""
    setattr(view, _ATTR, PUBLIC)
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
        if roles == PUBLIC:
            return None
        if not current_user.is_authenticated:
            if wants_json():
                return error_response(401)
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        # Fail closed: a view nobody declared roles for is open to nobody.
        if roles is None or current_user.role not in roles:
            return error_response(403)
        return None
