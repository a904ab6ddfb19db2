"""The numbers behind an exclusion, as data, and the consultant's sentence that names them.

"Minder uren beschikbaar dan de plek minimaal vraagt" tells a consultant less than "vraagt
minimaal 16 uur, kan 12". The numbers are the resident's own facts, so only the municipality
reads them: an organisation keeps the number-free reason of `rules.RULES` (DOMAIN.md: an
employer never learns about a resident who was not proposed).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .columns import UNKNOWN
from .pair import Pairs
from .rules import RULE_BY_CODE
from .vocabulary import LANGUAGE_LEVELS

Numbers = dict[str, int | float | str]


def _at(values: Any, index: int, size: int) -> Any:
    """One pair's value from a column that may be a single value broadcast over all pairs."""
    return np.broadcast_to(np.asarray(values), (size,))[index].item()


def numbers_for(code: str, x: Pairs, index: int, size: int) -> Numbers:
    """The facts that decided rule `code` for pair `index` of `size` pairs (empty: none to name)."""

    def p(name: str) -> Any:
        return _at(x.p[name], index, size)

    def r(name: str) -> Any:
        return _at(x.r[name], index, size)

    if code == "uren":
        return {"min_hours": int(p("min_hours")), "hours": int(r("hours"))}
    if code == "afstand":
        km = float(_at(x.distance, index, size))
        return {} if math.isnan(km) else {"km": round(km, 1), "max_km": round(float(r("max_km")), 1)}
    if code == "taalniveau":
        return {"needed": LANGUAGE_LEVELS[int(p("language"))], "has": LANGUAGE_LEVELS[int(r("language"))]}
    if code == "abc":
        return {"max_abc": f"G{int(p('max_abc'))}", "abc": f"G{int(r('abc'))}"}
    if code == "ontheffing":
        return {"days_left": int(r("ontheffing_until")) - x.today}
    if code == "leeftijd":
        return {"days_to_27": int(r("turns_27")) - x.today}
    if code == "niet_beschikbaar":
        return {"free_places": int(p("free_places"))}
    return {}


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def consultant_reason(code: str, numbers: Numbers) -> str:
    """The reason in a consultant's words, with the numbers; the plain reason when there are none."""
    plain = RULE_BY_CODE[code].reason
    n = numbers
    if code == "uren" and n and n["hours"] != UNKNOWN:
        return f"Vraagt minimaal {n['min_hours']} uur per week, de inwoner kan {n['hours']}."
    if code == "afstand" and n:
        km, most = _number(float(n["km"])), _number(float(n["max_km"]))
        return f"Ligt {km} km weg, de inwoner reist hoogstens {most} km; de plek biedt geen vervoer."
    if code == "taalniveau" and n:
        has = "geen" if n["has"] == "none" else n["has"]
        needed = n["needed"]
        return f"Vraagt taalniveau {needed} Nederlands, de inwoner heeft {has}."
    if code == "abc" and n:
        if n["abc"] == "G7" and n["max_abc"] == "G7":
            return "De inwoner is G7: alleen vrijwilligerswerk of activerend werk dat G7 aankan."
        return f"Kan tot {n['max_abc']}, de inwoner is {n['abc']}."
    if code == "ontheffing" and n:
        days = int(n["days_left"])
        return (
            f"Er loopt een ontheffing, nog {days} {'dag' if days == 1 else 'dagen'}; de inwoner wil (nog) niet meedoen."
        )
    if code == "leeftijd" and n:
        days = int(n["days_to_27"])
        when = f"{days} {'dag' if days == 1 else 'dagen'}"
        return f"Participatieplaatsen zijn vanaf 27 jaar; de inwoner wordt 27 over {when}."
    if code == "niet_beschikbaar" and n and int(n["free_places"]) <= 0:
        return "De plek is vol: 0 plaatsen vrij."
    return plain
