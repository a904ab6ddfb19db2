"""Login, logout and password pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..access import allow, public
from ..db import get_session
from ..errors import ApiError
from ..models import ROLES
from ..validation import InvalidInput
from . import bp, service


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
        )
    except ApiError as exc:
        return render_template("auth/login.html", email=email, error=exc.message), exc.status
    account = service.start_login_session(get_session(), user)
    session.clear()
    login_user(account)
    flash(f"Welkom, {account.display_name}.", "success")
    return redirect(_safe_next(request.args.get("next")))


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
    try:
        user = service.change_password(
            get_session(),
            user_id=current_user.id,
            current=request.form.get("current_password", ""),
            new=request.form.get("new_password", ""),
        )
    except InvalidInput as exc:
        return render_template("auth/password.html", errors=exc.fields), 422
    account = service.start_login_session(get_session(), user)
    login_user(account)
    flash("Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd.", "success")
    return redirect(url_for("home.index"))
