"""The ten eligibility rules of DOMAIN.md: each a mask (True = excluded) with its Dutch reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .columns import SUPPORT_BIT, TYPE_CODE, UNKNOWN
from .pair import Pairs

Mask = NDArray[np.bool_]

BANENAFSPRAAK = TYPE_CODE["banenafspraak"]
BESCHUT = TYPE_CODE["beschut"]
PARTICIPATIEPLAATS = TYPE_CODE["participatieplaats"]
G7_OK_TYPES = np.array([TYPE_CODE["vrijwilligerswerk"], TYPE_CODE["activerend_werk"]])


def _mask(values: object) -> Mask:
    return np.asarray(values, dtype=bool)


@dataclass(frozen=True)
class Rule:
    code: str
    number: int  # the rule's number in DOMAIN.md
    reason: str  # for the consultant
    sensitive: bool  # would reveal health or indication data to an employer
    excludes: Callable[[Pairs], Mask]


def not_offered(x: Pairs) -> Mask:
    """1. Not open, no free place, or its end date has passed (no end date: the largest day)."""
    p = x.p
    return _mask(~p["offered"] | (p["free_places"] <= 0) | (p["end_date"] < x.today))


def no_doelgroepregister(x: Pairs) -> Mask:
    """2. A banenafspraak job needs registration in the doelgroepregister."""
    return _mask((x.p["type"] == BANENAFSPRAAK) & ~x.r["doelgroepregister"])


def no_beschut_advies(x: Pairs) -> Mask:
    """3. Beschut werk needs a positive UWV advice."""
    return _mask((x.p["type"] == BESCHUT) & ~x.r["beschut_advies"])


def other_route(x: Pairs) -> Mask:
    """4. The resident's route is not one the placement serves (no route yet: none)."""
    return _mask((x.p["routes"] & x.r["route_bit"]) == 0)


def above_max_abc(x: Pairs) -> Mask:
    """5. Latest ABC above the placement's maximum; G7 only for volunteer or activerend werk taking G7."""
    abc, max_abc = x.r["abc"], x.p["max_abc"]  # no measurement yet (0) is never above a maximum
    return _mask((abc > max_abc) | ((abc == 7) & ~np.isin(x.p["type"], G7_OK_TYPES)))


def ontheffing_running(x: Pairs) -> Mask:
    """6. An ontheffing runs today, unless the resident wants to take part anyway."""
    return _mask((x.r["ontheffing_until"] >= x.today) & ~x.r["wants_to_participate"])


def too_few_hours(x: Pairs) -> Mask:
    """7. Fewer hours available than the placement's minimum (hours unknown: never)."""
    hours = x.r["hours"]
    return _mask((hours != UNKNOWN) & (hours < x.p["min_hours"]))


def too_far(x: Pairs) -> Mask:
    """8. Beyond the maximum travel distance and no transport offered (unknown distance: never)."""
    transport = (x.p["supports"] & SUPPORT_BIT["vervoer"]) != 0
    with np.errstate(invalid="ignore"):
        return _mask((x.distance > x.r["max_km"]) & ~transport)


def no_driving_licence(x: Pairs) -> Mask:
    """9a. A driving licence is required."""
    return _mask(x.p["driving_licence"] & ~x.r["driving_licence"])


def language_below(x: Pairs) -> Mask:
    """9b. A Dutch language level is required that the resident does not have."""
    return _mask(x.r["language"] < x.p["language"])


def under_27_participatieplaats(x: Pairs) -> Mask:
    """10. Participatieplaatsen are for residents of 27 and older (Participatiewet art. 10a)."""
    return _mask((x.p["type"] == PARTICIPATIEPLAATS) & x.young)


RULES: tuple[Rule, ...] = (
    Rule("niet_beschikbaar", 1, "De plek is niet open, vol of verlopen.", False, not_offered),
    Rule("doelgroepregister", 2, "Banenafspraak-baan, maar niet in het doelgroepregister.", True, no_doelgroepregister),
    Rule("beschut_advies", 3, "Beschut werk, maar geen positief advies beschut werk.", True, no_beschut_advies),
    Rule("route", 4, "De route van de inwoner hoort niet bij deze plek (of er is nog geen route).", False, other_route),
    Rule("abc", 5, "Het ABC-niveau van de inwoner is hoger dan de plek aankan.", True, above_max_abc),
    Rule("ontheffing", 6, "Er loopt een ontheffing en de inwoner wil (nog) niet meedoen.", True, ontheffing_running),
    Rule("uren", 7, "Minder uren beschikbaar dan de plek minimaal vraagt.", False, too_few_hours),
    Rule("afstand", 8, "Verder weg dan de maximale reisafstand en geen vervoer.", False, too_far),
    Rule("rijbewijs", 9, "De plek vraagt een rijbewijs.", False, no_driving_licence),
    Rule("taalniveau", 9, "De plek vraagt een hoger taalniveau Nederlands.", False, language_below),
    Rule(
        "leeftijd",
        10,
        "Participatieplaatsen zijn voor inwoners van 27 jaar en ouder.",
        True,
        under_27_participatieplaats,
    ),
)
RULE_BY_CODE = {rule.code: rule for rule in RULES}


def exclusions(x: Pairs, size: int, active: Mask) -> tuple[Mask, dict[str, int], NDArray[np.int8]]:
    """Excluded pairs, the count per rule among active rows (each pair under its first
    rule, so the counts add up to the total) and the index of each pair's first rule."""
    excluded = np.zeros(size, dtype=bool)
    first = np.zeros(size, dtype=np.int8)
    counts: dict[str, int] = {}
    for index, rule in enumerate(RULES):
        mask = np.broadcast_to(rule.excludes(x), (size,))
        fresh = mask & ~excluded
        count = int(np.count_nonzero(fresh & active))
        if count:
            counts[rule.code] = count
        first[fresh] = index
        excluded |= mask
    return excluded, counts, first


def failed_rules(x: Pairs) -> list[Rule]:
    """Every rule one pair fails (for 'why is this place missing?')."""
    return [rule for rule in RULES if bool(np.asarray(rule.excludes(x)).reshape(-1)[0])]
