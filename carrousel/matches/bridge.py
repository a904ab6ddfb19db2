"""The one place where database rows become the engine's plain profiles."""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Iterable
from typing import Any

from matching.profiles import PlacementProfile, ResidentProfile
from matching.vocabulary import abc_number

from ..geo import Centroids


def _point(areas: Centroids, postcode: str | None) -> tuple[float, float]:
    found = areas.get((postcode or "")[:4])
    return (found[0], found[1]) if found else (math.nan, math.nan)


def _word(value: str | None, default: str = "") -> str:
    """One shared string per distinct value: 100,000 residents repeat the same few words, and
    each row from the database brings its own copy (half a resident profile's memory)."""
    return sys.intern(value) if value else default


def _words(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """A list as the row holds it, or as its JSON text (the index build reads it so: see _decoded)."""
    if isinstance(values, str):
        return _decoded(values)
    return tuple(sys.intern(v) for v in values or () if isinstance(v, str))


@functools.lru_cache(maxsize=65536)
def _decoded(text: str) -> tuple[str, ...]:
    """A JSON list of words, decoded once per distinct text: 100,000 residents hold a few
    thousand distinct lists, and decoding each row's copy was a third of an index build."""
    try:
        values = json.loads(text)
    except ValueError:
        return ()
    return _words(values) if isinstance(values, list) else ()


_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _set(values: Iterable[str] | str | None) -> frozenset[str]:
    key = tuple(sorted(_words(values)))
    return _SETS.setdefault(key, frozenset(key))


def resident_profile(row: Any, areas: Centroids) -> ResidentProfile:
    """A resident row (ORM object or core row, attribute access) as the engine sees it."""
    lat, lon = _point(areas, row.postcode)
    return ResidentProfile(
        id=row.id,
        route=_word(row.route) or None,
        phase=_word(row.phase, "intake"),
        abc=abc_number(row.abc),
        birth_year=row.birth_year,
        birth_date=row.birth_date,
        doelgroepregister=bool(row.doelgroepregister),
        beschut_advies=bool(row.beschut_advies),
        ontheffing_until=row.ontheffing_until,
        wants_to_participate=bool(row.wants_to_participate),
        hours_available=None if row.hours_available is None else int(row.hours_available),
        max_travel_km=float(row.max_travel_km or 0),
        driving_licence=bool(row.driving_licence),
        language_level=_word(row.language_level, "none"),
        physical_capacity=_word(row.physical_capacity),
        needs=_set(row.needs),
        wished_occupations=_words(row.wished_occupations),
        wished_sectors=_words(row.wished_sectors),
        talents=row.talents or "",
        lat=lat,
        lon=lon,
        availability_confirmed_on=row.availability_confirmed_on,
    )


def placement_profile(
    row: Any, organisation_status: str, sector: str, occupied: int, areas: Centroids
) -> PlacementProfile:
    """A placement row with its organisation's status and sector and its occupied places."""
    lat, lon = _point(areas, row.postcode)
    text = " ".join([row.title or "", row.description or "", " ".join(row.skills or ()), row.occupation or ""])
    return PlacementProfile(
        id=row.id,
        type=_word(row.type),
        routes=_set(row.routes),
        phase=_word(row.phase, "ontwikkeling"),
        max_abc=abc_number(row.max_abc),
        min_hours=int(row.min_hours or 0),
        max_hours=40 if row.max_hours is None else int(row.max_hours),
        language_level=_word(row.language_level, "none"),
        driving_licence=bool(row.driving_licence),
        physical_load=_word(row.physical_load),
        occupation=_word(row.occupation),
        sector=_word(sector),
        kansrijk=bool(row.kansrijk),
        supports=_set(row.supports),
        text=text,
        lat=lat,
        lon=lon,
        offered=row.status == "open" and organisation_status == "approved",
        free_places=int(row.capacity or 0) - occupied,
        end_date=row.end_date,
    )
