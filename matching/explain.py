"""A short Dutch sentence per factor. Employers get wording that reveals no ABC level, age,
indication, exact distance or support needs (AVG: special categories, data minimisation)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .columns import SUPPORT_BIT, UNKNOWN
from .vocabulary import PHYSICAL_LABELS, PHYSICAL_LOADS, SUPPORT_LABELS

Audience = Literal["municipality", "organisation"]
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class Facts:
    """The raw values behind one pair's factors."""

    abc: int
    max_abc: int
    distance: float
    kansrijk: bool
    young: bool
    towards_work: bool
    hours: int  # -1: unknown
    max_hours: int
    load: int  # the placement's physical load: 0 light, 1 medium, 2 heavy, -1 unknown
    capacity: int  # the resident's physical capacity, on the same scale
    needs: int
    supports: int
    occupation_similarity: float
    sector_similarity: float
    text_similarity: float
    phase_value: float
    confirmed_on: int = 0  # date.toordinal() of the last confirmation; 0 unknown
    stale: bool = False


def _names(mask: int) -> str:
    return ", ".join(SUPPORT_LABELS[name].lower() for name, bit in SUPPORT_BIT.items() if mask & bit)


def sentence(factor: str, f: Facts, audience: Audience) -> str:
    private = audience == "municipality"
    if factor == "capaciteit":
        if f.abc == 0:
            return (
                "ABC ontbreekt: nog niet bekend hoe goed dit past (neutraal gewogen)."
                if private
                else "Nog niet bekend hoe goed dit bij de plek past."
            )
        gap = f.max_abc - f.abc
        if private:
            fit = (
                "precies op niveau"
                if gap == 0
                else "past goed"
                if gap <= 2
                else "de plek vraagt veel minder dan de inwoner aankan"
            )
            return f"Plek tot G{f.max_abc}, inwoner G{f.abc}: {fit}."
        return "Past bij wat de plek vraagt." if gap <= 2 else "Kan meer aan dan de plek vraagt."
    if factor == "fase":
        level = "goed" if f.phase_value >= 0.8 else "redelijk" if f.phase_value >= 0.5 else "minder goed"
        who = "de inwoner" if private else "de kandidaat"
        return f"De fase van de plek past {level} bij waar {who} nu staat."
    if factor == "kansrijk":
        if not f.kansrijk:
            return "Geen beroep van de UWV-lijst kansrijke beroepen."
        if not private:
            return "Kansrijk beroep volgens UWV."
        extra = [why for why, yes in (("route naar werk", f.towards_work), ("jonger dan 27", f.young)) if yes]
        return "Kansrijk beroep volgens UWV" + (f" (weegt zwaarder: {', '.join(extra)})." if extra else ".")
    if factor == "wensen":
        parts = []
        if f.occupation_similarity >= 0.8:
            parts.append("een gewenst beroep")
        if f.sector_similarity >= 0.8:
            parts.append("een gewenste sector")
        if parts:
            return "Sluit aan bij " + " en ".join(parts) + "."
        if max(f.occupation_similarity, f.sector_similarity) >= 0.5:
            return "Lijkt op een gewenst beroep of een gewenste sector."
        return "Sluit niet aan bij de opgegeven wensen."
    if factor == "talenten":
        if f.text_similarity >= 0.2:
            return "Talenten en interesses passen bij de omschrijving van de plek."
        if f.text_similarity > 0:
            return "Talenten en interesses passen deels bij de omschrijving."
        return "Geen overlap tussen talenten en de omschrijving."
    if factor == "afstand":
        if math.isnan(f.distance):
            return "Afstand onbekend (postcodegebied niet gevonden): neutraal gewogen."
        if f.distance < 0.5:
            return "In hetzelfde postcodegebied."
        if private:
            return f"Ongeveer {f.distance:.1f} km tussen woon- en werkplek.".replace(".", ",", 1)
        return (
            "Woont binnen 5 km."
            if f.distance < 5
            else "Woont op 5 tot 15 km."
            if f.distance < 15
            else "Woont op meer dan 15 km."
        )
    if factor == "ondersteuning":
        if not f.needs:
            return "Geen bijzondere ondersteuning nodig." if private else "Sluit aan bij de plek."
        met, missing = f.needs & f.supports, f.needs & ~f.supports
        if not private:
            return (
                "De ondersteuning van de plek sluit aan."
                if not missing
                else "Niet alle gewenste ondersteuning is aanwezig."
            )
        text = []
        if met:
            text.append(f"biedt {_names(met)}")
        if missing:
            text.append(f"mist {_names(missing)}")
        return "De plek " + " maar ".join(text) + "."
    if factor == "uren":
        if f.hours == UNKNOWN:
            return "Beschikbare uren onbekend (neutraal gewogen)."
        if f.hours > f.max_hours:
            return (
                f"Wil {f.hours} uur, de plek biedt hoogstens {f.max_hours}."
                if private
                else "Wil meer uren werken dan de plek biedt."
            )
        return (
            f"{f.hours} uur beschikbaar: past binnen de uren van de plek."
            if private
            else "De beschikbare uren passen bij de plek."
        )
    if factor == "belasting":
        return _physical(f, private)
    if factor == "actueel":
        return _freshness(f, private)
    raise ValueError(f"unknown factor {factor}")


def _freshness(f: Facts, private: bool) -> str:
    if not f.stale:
        return "Uren en wensen zijn onlangs bevestigd." if private else "Gegevens onlangs bevestigd."
    if not private:
        return "Gegevens al een tijd niet bevestigd."
    since = date.fromordinal(f.confirmed_on)
    when = f"{since.day} {MONTHS[since.month - 1]} {since.year}"
    return f"Niet bevestigd sinds {when}: uren en wensen zijn misschien verouderd (telt lager mee)."


def _physical(f: Facts, private: bool) -> str:
    # The employer's wording never says what the candidate can bear: that is health data.
    if f.load == UNKNOWN or f.capacity == UNKNOWN:
        return (
            "Fysieke belasting of belastbaarheid onbekend (neutraal gewogen)."
            if private
            else "Fysieke belasting niet meegewogen."
        )
    if not private:
        return "Fysieke belasting meegewogen door de gemeente."
    load = PHYSICAL_LABELS[PHYSICAL_LOADS[f.load]].lower()
    capacity = PHYSICAL_LABELS[PHYSICAL_LOADS[f.capacity]].lower()
    if f.load <= f.capacity:
        return f"Fysieke belasting {load}: past bij wat de inwoner aankan ({capacity})."
    return f"Fysieke belasting {load}, de inwoner kan {capacity} werk aan: telt tegen deze plek."
