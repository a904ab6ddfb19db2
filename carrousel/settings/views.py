"""/beheer/instellingen: targets, terms and the participation definition, with the change log."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from ..access import allow
from ..db import get_session
from ..models import SettingChange, User
from ..validation import InvalidInput
from . import bp
from .operations import CHOICES, save_settings
from .shown import setting_text
from .store import EDITABLE, effective_settings, get_path

TARGET_ROWS = 4


def _form() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item in EDITABLE:
        if item.kind == "choices":
            if request.form.get(f"{item.key}.present"):
                data[item.key] = request.form.getlist(item.key)
        elif item.kind == "targets":
            data[item.key] = [
                {f: request.form.get(f"targets-{i}-{f}", "") for f in ("date", "employers", "locations")}
                for i in range(TARGET_ROWS)
            ]
        elif item.key in request.form:
            data[item.key] = request.form[item.key]
    return data


def _render(settings: dict[str, Any], errors: dict[str, str], status: int = 200) -> Any:
    session = get_session()
    changes = session.exec(select(SettingChange).order_by(SettingChange.at.desc()).limit(50)).all()  # type: ignore[attr-defined]
    users = {u.id: u for u in session.exec(select(User)).all()}
    groups: dict[str, list[Any]] = {}
    for item in EDITABLE:
        groups.setdefault(item.group, []).append(item)
    return (
        render_template(
            "settings/index.html",
            groups=groups,
            value=lambda key: get_path(settings, key),
            choices=CHOICES,
            rows=TARGET_ROWS,
            errors=errors,
            changes=changes,
            users=users,
            labels={item.key: item.label for item in EDITABLE},
            setting_text=setting_text,
        ),
        status,
    )


@bp.route("", methods=["GET", "POST"])
@allow("admin")
def index() -> Any:
    """Show and change the settings; the configuration file gives the defaults."""
    session = get_session()
    settings = effective_settings(session, current_app.config["CARROUSEL"])
    if request.method == "GET":
        return _render(settings, {})
    try:
        changed = save_settings(session, current=settings, form=_form(), actor=current_user)
    except InvalidInput as exc:
        return _render(settings, exc.fields, 422)
    flash(
        f"{len(changed)} instelling{'' if len(changed) == 1 else 'en'} gewijzigd." if changed else "Niets gewijzigd.",
        "success",
    )
    return redirect(url_for("settings.index"))
