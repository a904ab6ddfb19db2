"""Login, logout and password change for the pages; bearer tokens for the API."""

from __future__ import annotations

from flask import Blueprint, Flask, request
from flask_login import LoginManager

from ..db import get_session
from . import resident, service
from .account import Account
from .resident import ResidentAccount

bp = Blueprint("auth", __name__)
api = Blueprint("auth_api", __name__, url_prefix="/api/v1/auth")
login_manager = LoginManager()


def _load_from_cookie(token: str) -> Account | ResidentAccount | None:
    if request.path.startswith("/api/"):
        return None  # the API takes bearer tokens only, so it needs no CSRF defence
    if resident.is_resident_secret(token):
        return resident.account_for_secret(get_session(), token, "session")
    return service.account_for_session(get_session(), token)


def _load_from_bearer(req: object) -> Account | ResidentAccount | None:
    header = request.headers.get("Authorization", "")
    if not request.path.startswith("/api/") or not header.startswith("Bearer "):
        return None
    token = header.removeprefix("Bearer ").strip()
    if resident.is_resident_secret(token):
        return resident.account_for_secret(get_session(), token, "api")
    return service.account_for_api_token(get_session(), token)


# Registered by call rather than as decorators: flask_login is untyped, and its decorators
# would make these functions untyped too.
login_manager.user_loader(_load_from_cookie)
login_manager.request_loader(_load_from_bearer)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om verder te gaan."
    login_manager.session_protection = None  # sessions are server-side rows already

    mfa_views.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(api)


from . import api_views, forgot, mfa_views, reset, views  # noqa: E402, F401  (the routes register on the blueprints above)
