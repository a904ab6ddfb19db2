"""What a visitor searches the catalogue for, read from the query string, and the distances.

Bad input never ends the search: the field is named with a Dutch message, what was typed
stays in the field, and the rest of the search still runs. A filter that could not be applied
is said so (an unknown postcode, a distance without a postcode).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic_core import PydanticCustomError
from werkzeug.datastructures import MultiDict

from matching.geo import distances_km

from ..models import Organisation, Placement
from ..models.base import normalise_postcode
from ..parsing import parse_int

Row = tuple[Placement, Organisation]


@dataclass
class Search:
    typed: dict[str, str]  # what the visitor typed, shown back in the form as it was
    sector: str = ""
    postcode: str | None = None  # normalised; None when empty or invalid
    hours: int | None = None
    max_km: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def parse_search(args: MultiDict[str, str]) -> Search:
    typed = {key: args.get(key, "").strip()[:100] for key in ("sector", "postcode", "afstand", "uren")}
    search = Search(typed=typed, sector=typed["sector"])
    if typed["postcode"]:
        try:
            search.postcode = normalise_postcode(typed["postcode"])
        except PydanticCustomError as exc:
            search.errors["postcode"] = exc.message()
    search.max_km = _whole_number(search, "afstand", 0, 300)
    search.hours = _whole_number(search, "uren", 0, 60)
    return search


def _whole_number(search: Search, name: str, low: int, high: int) -> int | None:
    raw = search.typed[name]
    if not raw:
        return None
    number = parse_int(raw, low=low, high=high)
    if number is None:
        search.errors[name] = f"Vul een heel getal in van {low} tot en met {high}."
    return number


def apply_distance(rows: list[Row], search: Search, areas: Any) -> tuple[list[Row], dict[int, float | None]]:
    """Distances from the visitor's postcode; the nearest first, beyond max_km left out.

    A place whose own area is unknown stays in the list without a distance.
    """
    if search.postcode is None:
        if search.max_km is not None and "postcode" not in search.errors:
            search.notices.append("Vul je postcode in om op afstand te zoeken. Er is nu niet op afstand gezocht.")
        return rows, {}
    origin = areas.get(search.postcode[:4])
    if origin is None:
        search.notices.append(
            f"We kennen postcode {search.postcode[:4]} niet. De afstand is niet berekend"
            + (" en er is niet op afstand gezocht." if search.max_km is not None else ".")
        )
        return rows, {}
    if not rows:
        return rows, {}
    points = np.array([_point(areas, p.postcode) for p, _ in rows])
    km = distances_km(origin[0], origin[1], points[:, 0], points[:, 1])
    distance = {p.id: (None if np.isnan(d) else float(d)) for (p, _), d in zip(rows, km, strict=True)}
    if search.max_km is not None:
        limit = search.max_km
        rows = [r for r in rows if (d := distance[r[0].id]) is None or d <= limit]
    rows.sort(key=lambda r: (distance[r[0].id] is None, distance[r[0].id] or 0.0))
    return rows, distance  # type: ignore[return-value]


def _point(areas: Any, postcode: str) -> tuple[float, float]:
    found = areas.get(postcode[:4])
    return (found[0], found[1]) if found else (float("nan"), float("nan"))
