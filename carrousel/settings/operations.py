"""An admin changes targets, terms and the participation definition; every change is logged."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from ..auth.account import Account
from ..models import AppSetting, SettingChange, utcnow
from ..parsing import parse_int
from ..validation import InvalidInput
from .store import BY_KEY, EDITABLE, TERM_SECTIONS, Editable, get_path, terms_changed

CHOICES: dict[str, tuple[str, ...]] = {
    "participation.placement_types": (
        "internship",
        "proefplaatsing",
        "participatieplaats",
        "activerend_werk",
        "vrijwilligerswerk",
    ),
    "participation.activity_kinds": ("vrijwilligerswerk", "mantelzorg", "sociale_activiteit"),
}


def _parse(item: Editable, raw: Any) -> Any:
    """The form's text as the setting's value; a Dutch message naming the problem otherwise."""
    if item.kind == "int":
        number = parse_int(str(raw or ""), low=item.minimum, high=item.maximum)
        if number is None:
            raise ValueError(f"Vul een heel getal in van {item.minimum} tot en met {item.maximum}.")
        return number
    if item.kind == "share":
        text = str(raw or "").strip().replace(",", ".").rstrip("%").strip()
        try:
            value = float(text)
        except ValueError:
            raise ValueError("Vul een percentage in, zoals 35 of 12,5.") from None
        if not 0 <= value <= 100:
            raise ValueError("Een percentage ligt tussen 0 en 100.")
        return round(value / 100, 4)
    if item.kind == "date":
        try:
            return date.fromisoformat(str(raw or "").strip()).isoformat()
        except ValueError:
            raise ValueError("Vul een datum in (JJJJ-MM-DD).") from None
    if item.kind == "choices":
        values = list(raw or [])
        unknown = [v for v in values if v not in CHOICES[item.key]]
        if unknown:
            raise ValueError(f"Onbekende keuze: {', '.join(unknown)}.")
        return [c for c in CHOICES[item.key] if c in values]
    return _targets(raw)


def _targets(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    targets = []
    for row in rows:
        if not any(str(v).strip() for v in row.values()):
            continue  # an empty row of the form
        try:
            day = date.fromisoformat(str(row.get("date", "")).strip())
            employers, locations = (
                int(str(row.get("employers", "")).strip()),
                int(str(row.get("locations", "")).strip()),
            )
        except ValueError:
            raise ValueError("Elke regel heeft een datum en twee hele aantallen.") from None
        if employers < 0 or locations < 0:
            raise ValueError("Aantallen zijn 0 of meer.")
        targets.append({"date": day.isoformat(), "employers": employers, "locations": locations})
    if len({t["date"] for t in targets}) != len(targets):
        raise ValueError("Elke peildatum komt één keer voor.")
    return sorted(targets, key=lambda t: t["date"])


def save_settings(session: Session, *, current: dict[str, Any], form: dict[str, Any], actor: Account) -> list[str]:
    """Store every changed setting with a log line; nothing is stored when one value is wrong."""
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in EDITABLE:
        if item.key not in form:
            continue
        try:
            parsed[item.key] = _parse(item, form[item.key])
        except ValueError as exc:
            errors[item.key] = str(exc)
    standard = parsed.get("reminders.snel_months", get_path(current, "reminders.snel_months"))
    extended = parsed.get("reminders.snel_extended_months", get_path(current, "reminders.snel_extended_months"))
    if not errors and standard >= extended:
        errors["reminders.snel_extended_months"] = "De langere termijn moet langer zijn dan de termijn in principe."
    if errors:
        raise InvalidInput(errors)
    changed = []
    for key, value in parsed.items():
        old = get_path(current, key)
        if old == value or (BY_KEY[key].kind == "targets" and _same_targets(old, value)):
            continue
        row = session.get(AppSetting, key)
        if row is None:
            session.add(AppSetting(key=key, value=value, updated_by_id=actor.id))
        else:
            row.value, row.updated_at, row.updated_by_id = value, utcnow(), actor.id
        session.add(SettingChange(key=key, old_value=old, new_value=value, user_id=actor.id))
        changed.append(key)
    session.flush()
    if any(key.startswith(TERM_SECTIONS) for key in changed):
        terms_changed.send(session)
    return changed


def _same_targets(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> bool:
    def norm(items: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
        return sorted((str(t["date"]), int(t["employers"]), int(t["locations"])) for t in items)

    return norm(old) == norm(new)
