"""'Wachtwoord vergeten?': the same one-time link functioneel beheer can make, sent by e-mail.

Privacy and abuse: every request gets the same answer, whether the address has an account or
not (no enumeration); requests are throttled per address and per account with the login
throttle (a request counts as an attempt under the key ``reset:<email>``); the old password
keeps working until the link is used, so nobody can lock a colleague out by asking. The link
is built from the configured ``app.base_url`` (carrousel/links.py), never from the request's
Host header, which a visitor controls.
"""

from __future__ import annotations

import secrets
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from flask import current_app, render_template, request
from sqlalchemy import func
from sqlmodel import Session, select

from ..access import public
from ..db import get_session
from ..errors import ApiError
from ..links import external_url
from ..models import LoginFailure, User, utcnow
from ..validation import InvalidInput
from . import bp
from .service import _digest
from .throttle import check_not_throttled

ANSWER = (
    "Als er een account bij dit e-mailadres hoort, ontvangt u binnen enkele minuten een e-mail met een link "
    "om een nieuw wachtwoord te kiezen. Geen e-mail gekregen? Kijk in uw map met ongewenste e-mail of vraag "
    "functioneel beheer om een link."
)


def issue_reset_token(session: Session, user: User) -> str:
    """A one-time token for `user` (hash kept, expires after `security.reset_link_hours`)."""
    token = secrets.token_urlsafe(32)
    hours = int(current_app.config["CARROUSEL"]["security"]["reset_link_hours"])
    user.reset_token_hash, user.reset_expires_at = _digest(token), utcnow() + timedelta(hours=hours)
    session.flush()
    return token


def _message(user: User, link: str, hours: int) -> EmailMessage:
    mail = current_app.config["CARROUSEL"]["mail"]
    message = EmailMessage()
    message["From"] = mail["from_address"]
    message["To"] = user.email
    message["Subject"] = "Werkcarrousel: een nieuw wachtwoord kiezen"
    message.set_content(
        "\n".join(
            [
                f"Goedendag {user.name or user.email},",
                "",
                f"U vroeg om een nieuw wachtwoord. Kies het via deze link; hij werkt één keer en {hours} uur lang:",
                link,
                "",
                "Vroeg u hier niet om? Dan kunt u deze e-mail negeren: uw wachtwoord blijft zoals het is.",
            ]
        )
    )
    return message


def deliver(message: EmailMessage) -> bool:
    """Send through the configured SMTP server; False when there is none or it fails."""
    mail = current_app.config["CARROUSEL"]["mail"]
    if not mail.get("smtp_host"):
        current_app.logger.warning("Wachtwoord vergeten: geen mailserver ingesteld, de link is niet verstuurd.")
        return False
    try:
        with smtplib.SMTP(mail["smtp_host"], int(mail["smtp_port"]), timeout=10) as smtp:
            if mail["smtp_starttls"]:
                smtp.starttls()
            if mail["smtp_username"]:
                smtp.login(mail["smtp_username"], mail["smtp_password"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("Wachtwoord vergeten: versturen mislukt (%s).", type(exc).__name__)
        return False
    return True


def request_reset(session: Session, *, email: str, address: str) -> None:
    """Throttle, then mail a link when an active account has this address; silent otherwise."""
    email = email.strip().lower()[:254]
    key = f"reset:{email}"
    check_not_throttled(session, email=key, address=address)
    # Every request counts (in this request's transaction), so asking many times is slowed down too.
    session.add(LoginFailure(email=key, address=address[:64]))
    if "@" not in email:
        return
    user = session.exec(select(User).where(func.lower(User.email) == email, User.active == True)).first()  # noqa: E712
    if user is None:
        return
    token = issue_reset_token(session, user)
    hours = int(current_app.config["CARROUSEL"]["security"]["reset_link_hours"])
    try:  # the configured app.base_url (carrousel/links.py), never the Host header of this request
        link = external_url("auth.reset", token=token)
    except InvalidInput:
        current_app.logger.warning("Wachtwoord vergeten: geen app.base_url ingesteld, de link is niet verstuurd.")
        return  # the visitor gets the same answer as always
    deliver(_message(user, link, hours))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@public
def forgot() -> Any:
    """Ask for a link to choose a new password; the same answer for every address."""
    if request.method == "GET":
        return render_template("auth/forgot.html", email="", errors={}, sent=False, refused="")
    email = request.form.get("email", "").strip()
    if not email:
        errors = {"email": "Vul uw e-mailadres in."}
        return render_template("auth/forgot.html", email=email, errors=errors, sent=False, refused=""), 422
    try:
        request_reset(get_session(), email=email, address=request.remote_addr or "onbekend")
    except ApiError as exc:
        if exc.status != 429:
            raise
        page = render_template("auth/forgot.html", email=email, errors={}, sent=False, refused=exc.message)
        return page, 429, exc.headers
    return render_template("auth/forgot.html", email="", errors={}, sent=True, refused="", answer=ANSWER)
