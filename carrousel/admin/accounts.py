"""Pages of functioneel beheer: its start page, the accounts and the settings in force."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allow
from ..auth import mfa
from ..auth import service as accounts
from ..db import get_session
from ..errors import ApiError
from ..links import external_url
from ..models import ROLE_LABELS, ROLES, User
from ..paging import page_from_request
from ..parsing import parse_int
from ..validation import InvalidInput
from . import bp, operations
from .queries import approved_organisations, caseload_size, list_users, successors, user_counts


@bp.route("")
@allow("admin")
def index() -> Any:
    """The start page of functioneel beheer: accounts, access log, settings."""
    return render_template("admin/index.html", counts=user_counts(get_session()))


@bp.route("/gebruikers")
@allow("admin")
def users() -> Any:
    """All accounts, newest first, with organisation and last login."""
    return _users_page(errors={}, form={})


def _users_page(*, errors: dict[str, str], form: Any) -> str:
    session = get_session()
    page = page_from_request()
    rows, total = list_users(session, offset=page.offset, limit=page.size)
    return render_template(
        "admin/users.html",
        rows=rows,
        page=page.with_total(total),
        roles=ROLES,
        organisations=approved_organisations(session),
        errors=errors,
        form=form,
        mfa_required_roles=current_app.config["CARROUSEL"]["security"]["mfa_required_roles"],
    )


@bp.route("/gebruikers", methods=["POST"])
@allow("admin")
def create_user() -> Any:
    """Create an account with a role."""
    form = request.form
    organisation = form.get("organisation_id") or None
    try:
        accounts.create_user(
            get_session(),
            email=form.get("email", ""),
            password=form.get("password", ""),
            role=form.get("role", ""),
            name=form.get("name", "").strip(),
            organisation_id=parse_int(organisation, low=1),
        )
    except InvalidInput as exc:
        get_session().rollback()
        return _users_page(errors=exc.fields, form=form), 422
    flash("Het account is aangemaakt.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/gebruikers/<int:user_id>")
@allow("admin")
def user(user_id: int) -> Any:
    """One account: role and organisation, password-reset link, (de)activation."""
    return user_page(user_id, errors={})


def user_page(user_id: int, *, errors: dict[str, str], reset_link: str | None = None, form: Any = None) -> str:
    session = get_session()
    account = session.get(User, user_id)
    if account is None:
        raise ApiError(404)
    return render_template(
        "admin/user.html",
        account=account,
        organisations=approved_organisations(session),
        errors=errors,
        form=form or {"role": account.role, "organisation_id": account.organisation_id or ""},
        reset_link=reset_link,
        reset_hours=current_app.config["CARROUSEL"]["security"]["reset_link_hours"],
        caseload=caseload_size(session, user_id) if account.role == "consultant" else 0,
        successors=successors(session, user_id) if account.role == "consultant" else [],
    )


@bp.route("/gebruikers/<int:user_id>/rol", methods=["POST"])
@allow("admin")
def change_role(user_id: int) -> Any:
    """Give an account another role (and organisation); its sessions end."""
    raw = request.form.get("organisation_id", "")
    try:
        account = operations.change_role(
            get_session(),
            user_id=user_id,
            role=request.form.get("role", ""),
            organisation_id=parse_int(raw, low=1),
            actor=current_user,
        )
    except InvalidInput as exc:
        get_session().rollback()
        return user_page(user_id, errors=exc.fields, form=request.form), 422
    flash(f"{account.email} heeft nu de rol {ROLE_LABELS[account.role].lower()}.", "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/gebruikers/<int:user_id>/herstellen", methods=["POST"])
@allow("admin")
def reset_link(user_id: int) -> Any:
    """Make a one-time password-reset link and show it once, to hand over to the user."""
    try:
        external_url("auth.reset", field="reset", token="x")  # no token spent when no link can be made
        token = operations.issue_reset_link(get_session(), user_id=user_id, actor=current_user)
    except InvalidInput as exc:
        get_session().rollback()
        return user_page(user_id, errors=exc.fields), 422
    link = external_url("auth.reset", field="reset", token=token)
    return user_page(user_id, errors={}, reset_link=link)


@bp.route("/configuratie")
@allow("admin")
def settings() -> Any:
    """The configuration file in force (shown, not edited; targets and terms change under /beheer/instellingen)."""
    return render_template("admin/settings.html", settings=current_app.config["CARROUSEL"])


@bp.route("/gebruikers/<int:user_id>/tweestapsverificatie", methods=["POST"])
@allow("admin")
def reset_mfa(user_id: int) -> Any:
    """A lost phone: clear the user's second factor and end their sessions (logged)."""
    if user_id == current_user.id:  # a stolen admin session must not be able to drop its own second factor
        flash("Uw eigen tweestapsverificatie herstelt een andere beheerder.", "error")
        return redirect(url_for("admin.user", user_id=user_id)), 422
    user = mfa.reset_by_admin(get_session(), user_id=user_id, actor=current_user)
    flash(
        f"De tweestapsverificatie van {user.email} is hersteld; bij de volgende login volgt een nieuwe instelling.",
        "success",
    )
    return redirect(url_for("admin.user", user_id=user_id))
