"""A setting's value in the words of the change log: '35%', '31 december 2026', never JSON."""

from __future__ import annotations

from typing import Any

from matching import vocabulary as vocab

from ..models.scheduling import ACTIVITY_LABELS
from ..templating import dutch_date
from ..wording import percent
from .store import BY_KEY


def setting_text(key: str, value: Any) -> str:
    """'0.35' for a share reads '35%'; a list of targets reads '31 december 2026: 12 werkgevers, 10 locaties'."""
    if value is None or value == "" or value == []:
        return "–"
    kind = BY_KEY[key].kind if key in BY_KEY else ""
    if kind == "share" and isinstance(value, int | float):
        return percent(float(value))
    if kind == "date" and isinstance(value, str):
        return dutch_date(value)
    if kind == "targets" and isinstance(value, list):
        return "; ".join(
            f"{dutch_date(t.get('date'))}: {t.get('employers', 0)} werkgevers, {t.get('locations', 0)} locaties"
            for t in value
            if isinstance(t, dict)
        )
    if kind == "choices" and isinstance(value, list):
        labels = {**vocab.PLACEMENT_TYPE_LABELS, **ACTIVITY_LABELS}
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
