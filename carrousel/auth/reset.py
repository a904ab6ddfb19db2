"""The one-time password-reset link that functioneel beheer hands over: choose a new password."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from sqlmodel import Session, select

from ..access import public
from ..db import get_session
from ..errors import ApiError
from ..models import User, utcnow
from ..validation import InvalidInput
from . import bp
from .service import _digest, check_new_password, end_all_sessions, hash_password

EXPIRED = "Deze link is verlopen of al gebruikt. Vraag een nieuwe via ‘Wachtwoord vergeten?’ of bij functioneel beheer."


def user_for_reset(session: Session, token: str) -> User:
    """The active user this unexpired, unused token belongs to; 404 otherwise."""
    user = session.exec(
        select(User).where(
            User.reset_token_hash == _digest(token),
            User.reset_expires_at > utcnow(),  # type: ignore[operator]
            User.active == True,  # noqa: E712
        )
    ).first()
    if user is None:
        raise ApiError(404, EXPIRED)
    return user


def reset_password(session: Session, *, token: str, new: str, repeat: str) -> User:
    """Set the new password, spend the token, end every session of the user."""
    user = user_for_reset(session, token)
    check_new_password(new, "new_password")
    if new != repeat:
        raise InvalidInput({"repeat_password": "De twee wachtwoorden zijn niet gelijk."})
    user.password_hash = hash_password(new)
    user.reset_token_hash, user.reset_expires_at = None, None
    end_all_sessions(session, user.id)  # type: ignore[arg-type]
    session.flush()
    return user


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@public
def reset(token: str) -> Any:
    """Choose a new password with the link from functioneel beheer."""
    session = get_session()
    if request.method == "GET":
        user = user_for_reset(session, token)
        return render_template("auth/reset.html", email=user.email, errors={})
    try:
        user = reset_password(
            session,
            token=token,
            new=request.form.get("new_password", ""),
            repeat=request.form.get("repeat_password", ""),
        )
    except InvalidInput as exc:
        return render_template("auth/reset.html", email=user_for_reset(session, token).email, errors=exc.fields), 422
    flash("Uw nieuwe wachtwoord is ingesteld. Log ermee in.", "success")
    return redirect(url_for("auth.login"))
