"""What a rule or factor sees: one side as single values, the other side as arrays."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Pairs:
    """Placement columns `p` and resident columns `r`; numpy broadcasting pairs them up."""

    p: dict[str, NDArray[Any]]
    r: dict[str, NDArray[Any]]
    today: int  # date.toordinal()
    year: int
    distance: NDArray[np.float64]  # km per pair; NaN where an area is unknown
    occupation_similarity: NDArray[np.float32]
    sector_similarity: NDArray[np.float32]
    text_similarity: NDArray[np.float32]
    stale_before: int = 0  # date.toordinal(): a resident confirmed before this day is stale

    @cached_property
    def stale(self) -> NDArray[np.bool_]:
        """Hours and wishes unconfirmed for too long (0: no date known, never stale)."""
        confirmed = self.r["confirmed_on"]
        result: NDArray[np.bool_] = (confirmed > 0) & (confirmed < self.stale_before)
        return result

    @cached_property
    def young(self) -> NDArray[np.bool_]:
        """Under 27 today: before the day they certainly turn 27 (unknown age, 0: never)."""
        result: NDArray[np.bool_] = self.today < self.r["turns_27"]
        return result
