"""The plain data the engine takes: one profile per resident and per placement."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)  # slots: a region holds 100,000s of these while an index builds
class ResidentProfile:
    id: int
    route: str | None = None
    phase: str = "intake"
    abc: int = 0  # 1..7 for G1..G7; 0 when not measured yet
    birth_year: int | None = None
    birth_date: date | None = None  # when known, the age rule uses it instead of the birth year
    doelgroepregister: bool = False
    beschut_advies: bool = False
    ontheffing_until: date | None = None
    wants_to_participate: bool = False
    hours_available: int | None = None  # None: unknown (no exclusion on hours, neutral hours factor)
    max_travel_km: float = 10.0
    driving_licence: bool = False
    language_level: str = "none"
    physical_capacity: str = ""  # light, medium, heavy; "" unknown
    needs: frozenset[str] = frozenset()
    wished_occupations: tuple[str, ...] = ()
    wished_sectors: tuple[str, ...] = ()
    talents: str = ""
    lat: float = math.nan
    lon: float = math.nan
    availability_confirmed_on: date | None = None  # hours and wishes last confirmed (freshness)


@dataclass(frozen=True, slots=True)
class PlacementProfile:
    id: int
    type: str
    routes: frozenset[str] = frozenset()
    phase: str = "ontwikkeling"
    max_abc: int = 4
    min_hours: int = 0
    max_hours: int = 40
    language_level: str = "none"
    driving_licence: bool = False
    physical_load: str = ""  # light, medium, heavy; "" unknown
    occupation: str = ""
    sector: str = ""
    kansrijk: bool = False
    supports: frozenset[str] = frozenset()
    text: str = ""  # title, description and skills
    lat: float = math.nan
    lon: float = math.nan
    offered: bool = True  # status open and organisation approved
    free_places: int = 1
    end_date: date | None = None


DEFAULT_WEIGHTS: dict[str, float] = {
    "capaciteit": 3.0,
    "fase": 1.5,
    "kansrijk": 1.5,
    "wensen": 2.0,
    "talenten": 1.0,
    "afstand": 2.0,
    "ondersteuning": 1.5,
    "uren": 1.0,
    "belasting": 1.0,
    "actueel": 1.0,
}


@dataclass(frozen=True)
class Weights:
    """How much each factor counts; the score is the weighted mean of the factor values."""

    values: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    # The horizon of the factor `actueel`: unconfirmed for longer than this is stale.
    stale_after_months: int = 6

    def __post_init__(self) -> None:
        unknown = set(self.values) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise ValueError(
                f"unknown factor weight(s): {', '.join(sorted(unknown))}; use {', '.join(DEFAULT_WEIGHTS)}"
            )
        if any(w < 0 for w in self.values.values()) or sum(self.values.values()) <= 0:
            raise ValueError("weights must be non-negative and not all zero")

    def of(self, factor: str) -> float:
        return float(self.values.get(factor, 0.0))

    @property
    def total(self) -> float:
        return float(sum(self.values.get(name, 0.0) for name in DEFAULT_WEIGHTS))
