"""Login, logout and password pages."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..access import allow, public
from ..db import get_session
from ..errors import ApiError
from ..models import ROLES, User
from ..validation import InvalidInput
from . import bp, device, mfa, service, throttle

# The password was right, the second factor is still due: who, since when, where to go next.
# Kept in the signed session cookie for a few minutes; no login session exists yet.
PENDING = "mfa_pending"
PENDING_SECONDS = 300


def _safe_next(target: str | None) -> str:
    # Only a path on this site: an open redirect would help phishing.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("home.index")


@bp.route("/inloggen", methods=["GET", "POST"])
@public
def login() -> Any:
    """Log in with e-mail and password."""
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("home.index"))
        return render_template("auth/login.html", email="", error=None)
    email = request.form.get("email", "")
    try:
        user = service.authenticate(
            get_session(),
            email=email,
            password=request.form.get("password", ""),
            address=request.remote_addr or "onbekend",
            device=device.device_for(email),
        )
    except ApiError as exc:
        return render_template("auth/login.html", email=email, error=exc.message), exc.status, exc.headers
    if mfa.enrolled(user):  # the password was right; the code from the app comes next
        assert user.id is not None
        begin_second_step(user.id, _safe_next(request.args.get("next")))
        return redirect(url_for("auth.second_factor"))
    return finish_login(user, _safe_next(request.args.get("next")))


def begin_second_step(user_id: int, target: str) -> None:
    session.clear()
    session[PENDING] = {"user_id": user_id, "at": int(time.time()), "next": target}


def pending_user_id() -> tuple[int, str] | None:
    """The user half-way through logging in, and where they go next; None when expired."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    return int(pending["user_id"]), _safe_next(str(pending.get("next", "")))


def finish_login(user: User, target: str) -> Any:
    """Start the login session; a role that must use a second factor is led to enrolment first."""
    account = service.start_login_session(get_session(), user)
    session.clear()
    login_user(account)
    flash(f"Welkom, {account.display_name}.", "success")
    if mfa.required_for(account.role) and not account.mfa_enrolled:
        return device.remember(redirect(url_for("auth.mfa_setup")), account.email)
    return device.remember(redirect(target), account.email)


@bp.route("/uitloggen", methods=["POST"])
@allow(*ROLES)
def logout() -> Any:
    """End this login session for real."""
    service.end_login_session(get_session(), current_user.token)
    logout_user()
    session.clear()
    flash("U bent uitgelogd.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@allow(*ROLES)
def change_password() -> Any:
    """Change the own password; every other session of the user ends."""
    if request.method == "GET":
        return render_template("auth/password.html", errors={})
    # A stolen session must not become a free password guesser: the current password is
    # throttled like a login (same counts, this device's cookie included).
    db, email, address = get_session(), current_user.email, request.remote_addr or "onbekend"
    this_device = device.device_for(email)
    try:
        throttle.check_not_throttled(db, email=email, address=address, device=this_device)
    except ApiError as exc:
        return render_template("auth/password.html", errors={"current_password": exc.message}), 429, exc.headers
    try:
        user = service.change_password(
            db,
            user_id=current_user.id,
            current=request.form.get("current_password", ""),
            new=request.form.get("new_password", ""),
        )
    except InvalidInput as exc:
        if "current_password" in exc.fields:
            db.rollback()  # frees SQLite's write lock for the failure's own transaction
            throttle.record_failure(email, address, this_device)
        return render_template("auth/password.html", errors=exc.fields), 422
    account = service.start_login_session(get_session(), user)
    login_user(account)
    flash("Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd.", "success")
    return redirect(url_for("home.index"))
