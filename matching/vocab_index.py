"""Free-text occupations and sectors as ids, normalised once, compared only where they meet.

Each distinct term is normalised once: against the reference list (the kansrijke beroepen
and their common job titles) when one entry is spelled alike, otherwise it becomes an id of
its own. New terms are never compared with the earlier free terms, so building is linear in
the number of distinct terms. Similarities are computed only between the two sides that
meet in a ranking (a placement's occupation against the wished ones, and back), one row at
a time when a ranking first needs it, and kept in a bounded cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process, utils

SAME_CUTOFF = 95.0  # a spelling this close to a reference entry is that entry
OFFERED, WISHED = 0, 1  # the two sides: a placement's term, a resident's wish
CACHED_ROWS = 512  # similarity rows kept per side (each 4 bytes per term of the other side)


class Vocabulary:
    """Id 0 means nothing; `row(id, against)` gives the similarity in [0, 1] (rapidfuzz WRatio,
    kind to Dutch compounds) of one term with every term on the other side."""

    def __init__(self, reference: Iterable[str] = (), aliases: Mapping[str, str] | None = None) -> None:
        self._terms: list[str] = [""]
        self._ids: dict[str, int] = {}
        for name in reference:
            key = utils.default_process(name)
            if key and key not in self._ids:
                self._new(key)
        self._reference = list(self._terms[1:])
        for alias, name in (aliases or {}).items():
            target = self._ids.get(utils.default_process(name))
            key = utils.default_process(alias)
            if target is not None and key and key not in self._ids:
                self._ids[key] = target
        self._side_ids: tuple[list[int], list[int]] = ([], [])
        self._side_terms: tuple[list[str], list[str]] = ([], [])
        self._on_side: tuple[set[int], set[int]] = (set(), set())
        self._rows: tuple[OrderedDict[int, NDArray[np.float32]], OrderedDict[int, NDArray[np.float32]]] = (
            OrderedDict(),
            OrderedDict(),
        )

    def __len__(self) -> int:
        return len(self._terms)

    def term(self, term_id: int) -> str:
        return self._terms[term_id]

    def id_of(self, text: str, side: int = OFFERED) -> int:
        """The id of a text, seen on one side: a reference entry when spelled alike, else its own."""
        key = utils.default_process(text or "")
        if not key:
            return 0
        found = self._ids.get(key)
        if found is None:
            found = self._normalise(key)
        if found not in self._on_side[side]:
            self._on_side[side].add(found)
            self._side_ids[side].append(found)
            self._side_terms[side].append(self._terms[found])
            self._rows[side].clear()  # rows against this side lack the new term
        return found

    def _normalise(self, key: str) -> int:
        if self._reference:
            best = process.extractOne(
                key, self._reference, scorer=fuzz.WRatio, processor=None, score_cutoff=SAME_CUTOFF
            )
            if best is not None:
                self._ids[key] = best[2] + 1
                return best[2] + 1
        return self._new(key)

    def _new(self, key: str) -> int:
        new_id = len(self._terms)
        self._terms.append(key)
        self._ids[key] = new_id
        return new_id

    def row(self, term_id: int, against: int) -> NDArray[np.float32]:
        """Similarity of one term with every term on side `against`, indexed by id (0 elsewhere)."""
        cache = self._rows[against]
        found = cache.get(term_id)
        if found is not None:
            cache.move_to_end(term_id)
            return found
        ids = self._side_ids[against]
        row = np.zeros(max(ids, default=0) + 1, dtype=np.float32)
        if term_id and ids:
            scores = process.cdist(
                [self._terms[term_id]], self._side_terms[against], scorer=fuzz.WRatio, processor=None
            )[0]
            row[np.asarray(ids)] = np.asarray(scores, dtype=np.float32) / 100.0
        row[0] = 0.0
        cache[term_id] = row
        if len(cache) > CACHED_ROWS:
            cache.popitem(last=False)
        return row

    def best_against(self, term_ids: Iterable[int], against: int) -> NDArray[np.float32]:
        """The best similarity of any of the terms with every term on side `against`."""
        best: NDArray[np.float32] | None = None
        for term_id in {int(t) for t in term_ids if t}:
            row = self.row(term_id, against)
            best = row.copy() if best is None else np.maximum(best, row)
        if best is None:
            return np.zeros(max(self._side_ids[against], default=0) + 1, dtype=np.float32)
        return best

    @property
    def memory_bytes(self) -> int:
        return int(sum(row.nbytes for cache in self._rows for row in cache.values()))
