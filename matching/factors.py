"""The soft factors of DOMAIN.md: each a value in [0, 1] per pair and a Dutch sentence.

A higher value must always mean a better fit, so that a change helping one factor never
lowers a pair's rank with everything else equal (tested with hypothesis).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .columns import ROUTE_BIT, UNKNOWN
from .pair import Pairs

Values = NDArray[np.float64]
NEUTRAL = 0.5
POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int8)

# Fit of the placement's phase (columns: orientatie, ontwikkeling, proef, duurzaam)
# for the resident's phase of guidance (rows: intake, orientatie, ontwikkeling, nazorg) ...
PHASE_FIT = np.array(
    [
        [1.0, 0.6, 0.3, 0.2],
        [1.0, 0.7, 0.4, 0.2],
        [0.5, 1.0, 0.8, 0.5],
        [0.2, 0.5, 0.7, 1.0],
    ]
)
# ... and for the route (rows: none, meedoen, ontwikkeling, snel): snel aims at a trial
# towards hiring or a lasting place; meedoen at orientation and development.
ROUTE_PHASE_FIT = np.array(
    [
        [0.5, 0.5, 0.5, 0.5],
        [0.9, 1.0, 0.3, 0.6],
        [0.6, 1.0, 0.8, 0.6],
        [0.3, 0.6, 1.0, 1.0],
    ]
)
_ROUTE_ROW = np.zeros(8, dtype=np.int8)
for _row, _route in enumerate(("meedoen", "ontwikkeling", "snel"), start=1):
    _ROUTE_ROW[ROUTE_BIT[_route]] = _row


def capacity_fit(x: Pairs) -> Values:
    """A place built for the resident's level beats one far below it (meedoen naar vermogen)."""
    abc, max_abc = x.r["abc"].astype(np.float64), x.p["max_abc"].astype(np.float64)
    gap = np.clip(max_abc - abc, 0.0, 6.0)
    return np.where(abc > 0, 1.0 - gap / 6.0, NEUTRAL)


def phase_fit(x: Pairs) -> Values:
    """The placement's phase suits the resident's phase and route."""
    by_phase = PHASE_FIT[x.r["phase"], x.p["phase"]]
    by_route = ROUTE_PHASE_FIT[_ROUTE_ROW[x.r["route_bit"]], x.p["phase"]]
    result: Values = 0.6 * by_phase + 0.4 * by_route
    return result


def kansrijk(x: Pairs) -> Values:
    """A kansrijk beroep; weighs more on routes ontwikkeling and snel and for residents under 27."""
    towards_work = (x.r["route_bit"] & (ROUTE_BIT["ontwikkeling"] | ROUTE_BIT["snel"])) != 0
    weight = 0.5 + 0.25 * towards_work + 0.25 * x.young
    result: Values = x.p["kansrijk"] * weight
    return result


def wishes(x: Pairs) -> Values:
    """Wished occupations and sectors against the placement's (fuzzy)."""
    result: Values = 0.6 * x.occupation_similarity + 0.4 * x.sector_similarity
    return result


def talents(x: Pairs) -> Values:
    """Talents and interests against the description (TF-IDF cosine)."""
    return x.text_similarity.astype(np.float64)


def distance(x: Pairs) -> Values:
    """Nearer is better ("werkplekken zo dichtbij mogelijk"); unknown is neutral."""
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(x.distance), NEUTRAL, 1.0 / (1.0 + x.distance / 10.0))


def supports(x: Pairs) -> Values:
    """A needed support the placement offers counts for it, one it lacks against it."""
    needs, offered = x.r["needs"], x.p["supports"]
    needed = POPCOUNT[needs].astype(np.float64)
    met = POPCOUNT[needs & offered]
    missing = POPCOUNT[needs & ~offered]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(needed > 0, NEUTRAL + NEUTRAL * (met - missing) / needed, NEUTRAL)


def hours_fit(x: Pairs) -> Values:
    """The hours the resident can work fit the hours the placement offers."""
    hours = x.r["hours"].astype(np.float64)
    top = x.p["max_hours"].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        over = np.where(hours > top, top / hours, 1.0)
    return np.where(x.r["hours"] == UNKNOWN, NEUTRAL, over)


def physical_fit(x: Pairs) -> Values:
    """A place no heavier than the resident can bear fits; each level heavier counts against it.

    Not an exclusion: DOMAIN.md's rules do not name physical load, and a werkplekaanpassing or
    a lighter task within the place may make it work, which the consultant judges.
    """
    load, capacity = x.p["load"].astype(np.float64), x.r["capacity"].astype(np.float64)
    heavier = np.clip(load - capacity, 0.0, 2.0)
    return np.where((x.p["load"] == UNKNOWN) | (x.r["capacity"] == UNKNOWN), NEUTRAL, 1.0 - heavier / 2.0)


def freshness(x: Pairs) -> Values:
    """Hours and wishes confirmed lately count fully; a stale profile counts lower, never hidden."""
    return np.where(x.stale, 0.0, 1.0)


@dataclass(frozen=True)
class Factor:
    code: str
    value: Callable[[Pairs], Values]


FACTORS: tuple[Factor, ...] = (
    Factor("capaciteit", capacity_fit),
    Factor("fase", phase_fit),
    Factor("kansrijk", kansrijk),
    Factor("wensen", wishes),
    Factor("talenten", talents),
    Factor("afstand", distance),
    Factor("ondersteuning", supports),
    Factor("uren", hours_fit),
    Factor("belasting", physical_fit),
    Factor("actueel", freshness),
)
