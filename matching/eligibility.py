"""Eligibility of ONE pair: a resident profile against a placement profile, no index built.

The same ten rules as the rankings (`rules.RULES`), fed with one row of each side encoded by
the same column schemas, so a single check can never disagree with the index's verdict.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from .columns import ColumnStore, placement_schema, resident_schema
from .geo import distances_km
from .pair import Pairs
from .profiles import PlacementProfile, ResidentProfile
from .rules import failed_rules


def _no_term(_text: str) -> int:
    return 0  # the rules read no occupation or sector: no vocabulary is needed


def why_not_eligible(resident: ResidentProfile, placement: PlacementProfile, today: date) -> list[tuple[str, str]]:
    """Every rule this pair fails on `today`, as (code, Dutch reason); empty when it is eligible."""
    r = ColumnStore(resident_schema(_no_term, _no_term), [resident], lambda profile: profile.id).one(0)
    p = ColumnStore(placement_schema(_no_term, _no_term), [placement], lambda profile: profile.id).one(0)
    none = np.zeros(1, dtype=np.float32)
    pairs = Pairs(
        p=p,
        r=r,
        today=today.toordinal(),
        year=today.year,
        distance=distances_km(r["lat"], r["lon"], np.asarray([p["lat"]]), np.asarray([p["lon"]])),
        occupation_similarity=none,
        sector_similarity=none,
        text_similarity=none,
    )
    return [(rule.code, rule.reason) for rule in failed_rules(pairs)]


def is_eligible(resident: ResidentProfile, placement: PlacementProfile, today: date) -> bool:
    return not why_not_eligible(resident, placement, today)
