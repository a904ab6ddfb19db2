"""Free-text occupations and sectors as ids, with a fuzzy similarity between every two ids."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process, utils

SAME_CUTOFF = 95.0  # a spelling this close to a known entry is that entry


class Vocabulary:
    """Id 0 means nothing; similarity[a, b] in [0, 1] (rapidfuzz WRatio, kind to Dutch compounds)."""

    def __init__(self) -> None:
        self._terms: list[str] = [""]
        self._ids: dict[str, int] = {}
        self.similarity: NDArray[np.float32] = np.zeros((16, 16), dtype=np.float32)

    def __len__(self) -> int:
        return len(self._terms)

    def id_of(self, text: str) -> int:
        """The id of a text: an existing entry when spelled alike, otherwise a new one."""
        key = utils.default_process(text or "")
        if not key:
            return 0
        found = self._ids.get(key)
        if found is not None:
            return found
        if len(self._terms) > 1:
            best = process.extractOne(
                key, self._terms[1:], scorer=fuzz.WRatio, processor=None, score_cutoff=SAME_CUTOFF
            )
            if best is not None:
                self._ids[key] = best[2] + 1
                return best[2] + 1
        return self._add(key)

    def _add(self, key: str) -> int:
        new_id = len(self._terms)
        self._terms.append(key)
        self._ids[key] = new_id
        if new_id >= self.similarity.shape[0]:
            size = self.similarity.shape[0] * 2
            grown = np.zeros((size, size), dtype=np.float32)
            grown[:new_id, :new_id] = self.similarity[:new_id, :new_id]
            self.similarity = grown
        scores = process.cdist([key], self._terms[1:], scorer=fuzz.WRatio, processor=None)[0]
        row = np.asarray(scores, dtype=np.float32) / 100.0
        self.similarity[new_id, 1 : new_id + 1] = row
        self.similarity[1 : new_id + 1, new_id] = row
        return new_id
