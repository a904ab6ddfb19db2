"""Second-factor pages: the code at login, enrolment with QR code, recovery codes, turning off."""

from __future__ import annotations

from typing import Any

from flask import Flask, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from ..access import allow, public
from ..db import get_session
from ..errors import ApiError, error_response, wants_json
from ..models import ROLES, User
from ..validation import InvalidInput
from . import bp, device, mfa, throttle
from .views import PENDING, finish_login, pending_user_id

# What a user of a required role who has not enrolled yet may still reach.
ENROLMENT_ENDPOINTS = frozenset({"auth.mfa_setup", "auth.mfa_confirm", "auth.logout", "auth.login", "static"})


def init_app(app: Flask) -> None:
    @app.before_request
    def _enrolment_first() -> Any:
        """A role that must use a second factor does nothing else before it has one."""
        if request.endpoint in ENROLMENT_ENDPOINTS or not current_user.is_authenticated:
            return None
        if current_user.mfa_enrolled or not mfa.required_for(current_user.role):
            return None
        if wants_json():
            return error_response(403, "Stel eerst tweestapsverificatie in.", code="mfa_enrolment_required")
        return redirect(url_for("auth.mfa_setup"))


@bp.route("/inloggen/code", methods=["GET", "POST"])
@public
def second_factor() -> Any:
    """The second login step: a code from the authenticator app or a recovery code."""
    pending = pending_user_id()
    if pending is None:
        session.pop(PENDING, None)
        flash("Log opnieuw in; de tijd voor de code was om.", "error")
        return redirect(url_for("auth.login"))
    user_id, target = pending
    if request.method == "GET":
        return render_template("auth/second_factor.html", error=None)
    db = get_session()
    user = db.get(User, user_id)
    address = request.remote_addr or "onbekend"
    if user is None or not user.active:
        session.pop(PENDING, None)
        return redirect(url_for("auth.login"))
    this_device = device.device_for(user.email)
    try:
        throttle.check_not_throttled(db, email=user.email, address=address, device=this_device)
    except ApiError as exc:
        return render_template("auth/second_factor.html", error=exc.message), exc.status, exc.headers
    if not mfa.verify(db, user, request.form.get("code", "")):
        email = user.email  # read before the rollback, which expires the row
        db.rollback()  # frees SQLite's write lock for the failure's own transaction
        throttle.record_failure(email, address, this_device)
        return render_template("auth/second_factor.html", error="Deze code klopt niet."), 401
    return finish_login(user, target)


@bp.route("/account/tweestapsverificatie")
@allow(*ROLES)
def mfa_setup() -> Any:
    """Enrol (QR code and secret) or see the state of the second factor."""
    db = get_session()
    user = db.get(User, current_user.id)
    assert user is not None
    if mfa.enrolled(user):
        return _status_page(user, errors={})
    return _enrolment_page(user, errors={})


@bp.route("/account/tweestapsverificatie", methods=["POST"])
@allow(*ROLES)
def mfa_confirm() -> Any:
    """Confirm enrolment with a first code; show the recovery codes once."""
    db = get_session()
    try:
        codes = mfa.confirm_enrolment(db, user_id=current_user.id, code=request.form.get("code", ""))
    except InvalidInput as exc:
        user = db.get(User, current_user.id)
        assert user is not None
        return _enrolment_page(user, errors=exc.fields), 422
    # The login session goes on: from the next request on it is an enrolled user's (read per request).
    return render_template("auth/recovery_codes.html", codes=codes, first=True)


@bp.route("/account/tweestapsverificatie/herstelcodes", methods=["POST"])
@allow(*ROLES)
def mfa_renew_codes() -> Any:
    """Ten new recovery codes; the unused old ones stop working."""
    db = get_session()
    try:
        codes = mfa.renew_recovery_codes(db, user_id=current_user.id, code=request.form.get("code", ""))
    except InvalidInput as exc:
        db.rollback()
        user = db.get(User, current_user.id)
        assert user is not None
        return _status_page(user, errors=exc.fields), 422
    return render_template("auth/recovery_codes.html", codes=codes, first=False)


@bp.route("/account/tweestapsverificatie/uitzetten", methods=["POST"])
@allow(*ROLES)
def mfa_turn_off() -> Any:
    """Turn the second factor off, for a role that need not use it."""
    db = get_session()
    try:
        mfa.turn_off(db, user_id=current_user.id, code=request.form.get("off_code", ""))
    except InvalidInput as exc:
        db.rollback()
        user = db.get(User, current_user.id)
        assert user is not None
        return _status_page(user, errors={"off_code": exc.fields["code"]}), 422
    flash("Tweestapsverificatie staat uit.", "success")
    return redirect(url_for("auth.mfa_setup"))


def _enrolment_page(user: User, errors: dict[str, str]) -> Any:
    assert user.id is not None
    secret = mfa.pending_secret(get_session(), user_id=user.id)
    uri = mfa.provisioning_uri(user, secret)
    return render_template(
        "auth/mfa.html",
        enrolled=False,
        required=mfa.required_for(user.role),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        uri=uri,
        qr=mfa.qr_data_uri(uri),
        errors=errors,
    )


def _status_page(user: User, errors: dict[str, str]) -> Any:
    assert user.id is not None
    return render_template(
        "auth/mfa.html",
        enrolled=True,
        required=mfa.required_for(user.role),
        since=user.mfa_enabled_at,
        unused=mfa.unused_recovery_codes(get_session(), user.id),
        errors=errors,
    )
