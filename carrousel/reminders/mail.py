"""Reminders by e-mail through a real SMTP connection; a server that is down costs nothing but a
retry at the next run (the reminder stays on the list)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Any

from sqlmodel import Session

from ..models import Reminder, User
from ..templating import dutch_date
from .queries import pending_mail
from .rules import KINDS


def _message(user: User, reminders: list[Reminder], settings: dict[str, Any]) -> EmailMessage:
    count = len(reminders)
    message = EmailMessage()
    message["From"] = settings["from_address"]
    message["To"] = user.email
    message["Subject"] = f"Werkcarrousel: {count} nieuwe herinnering{'en' if count != 1 else ''}"
    lines = [f"Goedendag {user.name or user.email},", ""]
    lines += [f"- {KINDS[r.kind][1]} (uiterlijk {dutch_date(r.due_on)}): {r.text}" for r in reminders]
    if settings["base_url"]:  # app.base_url, copied here by the job; never a request's host
        lines += ["", f"Uw herinneringen: {settings['base_url'].rstrip('/')}/herinneringen"]
    message.set_content("\n".join(lines))
    return message


def send_message(settings: dict[str, Any], message: EmailMessage) -> bool:
    """One message through the configured SMTP server; False when mail is off or the server fails."""
    if not settings["smtp_host"]:
        return False
    message["From"] = settings["from_address"]
    try:
        with smtplib.SMTP(settings["smtp_host"], int(settings["smtp_port"]), timeout=10) as smtp:
            if settings["smtp_starttls"]:
                smtp.starttls()
            if settings["smtp_username"]:
                smtp.login(settings["smtp_username"], settings["smtp_password"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        return False
    return True


def send_pending(session: Session, settings: dict[str, Any]) -> dict[str, int]:
    """One e-mail per user with their reminders not yet mailed. Stops at the first SMTP failure."""
    if not settings["smtp_host"]:
        return {"mailed": 0, "mail_failed": 0}
    per_user: dict[int, tuple[User, list[Reminder]]] = {}
    for reminder, user in pending_mail(session):
        per_user.setdefault(user.id, (user, []))[1].append(reminder)  # type: ignore[arg-type]
    mailed = failed = 0
    try:
        with smtplib.SMTP(settings["smtp_host"], int(settings["smtp_port"]), timeout=10) as smtp:
            if settings["smtp_starttls"]:
                smtp.starttls()
            if settings["smtp_username"]:
                smtp.login(settings["smtp_username"], settings["smtp_password"])
            for user, reminders in per_user.values():
                smtp.send_message(_message(user, reminders, settings))
                for reminder in reminders:
                    reminder.mail_state = "sent"
                    reminder.mail_attempts += 1
                mailed += len(reminders)
    except (OSError, smtplib.SMTPException) as exc:
        for _user, reminders in per_user.values():
            for reminder in reminders:
                if reminder.mail_state == "pending":
                    reminder.mail_attempts += 1
                    reminder.mail_error = f"{type(exc).__name__}: {exc}"[:300]
                    failed += 1
    session.flush()
    return {"mailed": mailed, "mail_failed": failed}
