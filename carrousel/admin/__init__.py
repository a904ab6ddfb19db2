"""Functioneel beheer: accounts and the access log."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func
from sqlmodel import select

from ..access import allow
from ..auth import service as accounts
from ..db import get_session
from ..models import ROLES, Organisation, User
from ..paging import Page, page_from_request
from ..parsing import parse_int
from ..validation import InvalidInput

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def register(app: Flask) -> None:
    from . import access_log  # noqa: F401 - its pages join this blueprint

    app.register_blueprint(bp)


@bp.route("/gebruikers")
@allow("admin")
def users() -> Any:
    """All accounts, newest first."""
    session = get_session()
    page = page_from_request()
    total = session.exec(select(func.count()).select_from(User)).one()
    rows = session.exec(select(User).order_by(User.id.desc()).offset(page.offset).limit(page.size)).all()  # type: ignore[union-attr]
    organisations = session.exec(select(Organisation).order_by(Organisation.name)).all()
    return render_template(
        "admin/users.html",
        users=rows,
        page=page.with_total(total),
        roles=ROLES,
        organisations=organisations,
        errors={},
        form={},
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
        session = get_session()
        rows = session.exec(select(User).order_by(User.id.desc()).limit(25)).all()  # type: ignore[union-attr]
        organisations = session.exec(select(Organisation).order_by(Organisation.name)).all()
        return render_template(
            "admin/users.html",
            users=rows,
            page=Page(1, 25, len(rows)),
            roles=ROLES,
            organisations=organisations,
            errors=exc.fields,
            form=form,
        ), 422
    flash("Het account is aangemaakt.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/gebruikers/<int:user_id>/actief", methods=["POST"])
@allow("admin")
def set_active(user_id: int) -> Any:
    """Deactivate or reactivate an account; deactivating ends its sessions at once."""
    active = request.form.get("active") == "1"
    if user_id == current_user.id and not active:
        flash("U kunt uw eigen account niet deactiveren.", "error")
        return redirect(url_for("admin.users")), 422  # type: ignore[return-value]
    user = accounts.set_active(get_session(), user_id=user_id, active=active)
    flash(f"{user.email} is {'geactiveerd' if active else 'gedeactiveerd'}.", "success")
    return redirect(url_for("admin.users"))
