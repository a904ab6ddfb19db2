"""Free-text occupations and sectors as ids, normalised once, compared only where they meet.

Each distinct term becomes a character n-gram TF-IDF vector once. A term spelled like an
entry of the reference list (the kansrijke beroepen, and their common job titles as
aliases) is that entry: its nearest reference entries by cosine are checked with rapidfuzz,
so normalising costs a few comparisons per term, not one per earlier term. Similarity
between terms is the cosine of their vectors, computed only between the two sides that
meet in a ranking (a placement's occupation against the wished ones, and back), one sparse
row at a time when a ranking first needs it, and kept in a bounded cache. Nothing is
quadratic in the number of distinct terms, in time or in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from rapidfuzz import fuzz, process, utils
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

SAME_CUTOFF = 95.0  # a spelling this close (rapidfuzz WRatio) to a reference entry is that entry
NEAREST = 3  # reference entries checked per new term, nearest by cosine first
OFFERED, WISHED = 0, 1  # the two sides: a placement's term, a resident's wish
CACHED_ROWS = 512  # similarity rows kept per side (each 4 bytes per term id)

# Character 2- to 4-grams within words: "schoonmaker" is close to "Schoonmakers" and to
# "schoonmaak", and compounds ("kassamedewerker") share grams with their parts.
_NGRAMS = HashingVectorizer(
    analyzer="char_wb", ngram_range=(2, 4), n_features=2**18, alternate_sign=False, norm=None, lowercase=True
)


class Vocabulary:
    """Id 0 means nothing; `row(id, against)` gives the similarity in [0, 1] of one term with every
    term on the other side (character n-gram TF-IDF cosine)."""

    def __init__(self, reference: Iterable[str] = (), aliases: Mapping[str, str] | None = None) -> None:
        self._terms: list[str] = [""]
        self._ids: dict[str, int] = {}
        for name in reference:
            key = utils.default_process(name)
            if key and key not in self._ids:
                self._new(key)
        self._reference = list(self._terms[1:])
        self._weights = TfidfTransformer(sublinear_tf=True)
        if self._reference:  # the reference list sets which grams are common
            self._weights.fit(_NGRAMS.transform(self._reference))
        self._reference_vectors = self._vectors(self._reference)
        for alias, name in (aliases or {}).items():
            target = self._ids.get(utils.default_process(name))
            key = utils.default_process(alias)
            if target is not None and key and key not in self._ids:
                self._ids[key] = target
        self._side_ids: tuple[list[int], list[int]] = ([], [])
        self._on_side: tuple[set[int], set[int]] = (set(), set())
        self._side_vectors: list[sp.csc_matrix] = [_empty().tocsc(), _empty().tocsc()]
        self._rows: tuple[OrderedDict[int, NDArray[np.float32]], OrderedDict[int, NDArray[np.float32]]] = (
            OrderedDict(),
            OrderedDict(),
        )

    def __len__(self) -> int:
        return len(self._terms)

    def term(self, term_id: int) -> str:
        return self._terms[term_id]

    def learn(self, texts: Iterable[str]) -> None:
        """Normalise many new terms at once (a build): one matrix product instead of one per term."""
        keys = list(dict.fromkeys(k for k in (utils.default_process(t or "") for t in texts) if k))
        keys = [k for k in keys if k not in self._ids]
        if not keys:
            return
        if not self._reference:
            for key in keys:
                self._new(key)
            return
        cosine = (self._vectors(keys) @ self._reference_vectors.T).toarray()
        nearest = np.argsort(-cosine, axis=1)[:, :NEAREST]
        for key, candidates in zip(keys, nearest, strict=True):
            self._settle(key, [int(c) for c in candidates])

    def id_of(self, text: str, side: int = OFFERED) -> int:
        """The id of a text, seen on one side: a reference entry when spelled alike, else its own."""
        found = self._ids.get(text)  # most texts recur exactly as written: skip the processing
        if found is None:
            key = utils.default_process(text or "")
            if not key:
                return 0
            if key not in self._ids:
                self.learn([key])
            found = self._ids[text] = self._ids[key]
        if found not in self._on_side[side]:
            self._on_side[side].add(found)
            self._side_ids[side].append(found)
            self._rows[side].clear()  # rows against this side lack the new term
        return found

    def _settle(self, key: str, candidates: list[int]) -> None:
        choices = [self._reference[c] for c in candidates]
        best = process.extractOne(key, choices, scorer=fuzz.WRatio, processor=None, score_cutoff=SAME_CUTOFF)
        if best is None:
            self._new(key)
        else:
            self._ids[key] = candidates[best[2]] + 1

    def _new(self, key: str) -> int:
        new_id = len(self._terms)
        self._terms.append(key)
        self._ids[key] = new_id
        return new_id

    def _vectors(self, keys: list[str]) -> sp.csr_matrix:
        if not keys:
            return _empty()
        counts = _NGRAMS.transform(keys)
        if hasattr(self._weights, "idf_"):
            weighted: sp.csr_matrix = self._weights.transform(counts)
            return weighted
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        return sp.csr_matrix(sp.diags(1.0 / np.maximum(norms, 1e-12)) @ counts)

    def prepare(self) -> None:
        """Vectorise both sides now (a build), so that the first ranking costs what later ones do."""
        self._side_matrix(OFFERED)
        self._side_matrix(WISHED)

    def _side_matrix(self, side: int) -> sp.csc_matrix:
        """The vectors of every term on one side, extended by the terms that joined since."""
        known = self._side_vectors[side].shape[0]
        ids = self._side_ids[side]
        if known < len(ids):
            fresh = self._vectors([self._terms[i] for i in ids[known:]])
            # By column: a row then reads only the columns of the grams its term has.
            self._side_vectors[side] = sp.vstack([self._side_vectors[side], fresh]).tocsc()
        return self._side_vectors[side]

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
            vector = self._vectors([self._terms[term_id]])
            cosine = self._side_matrix(against)[:, vector.indices] @ vector.data
            row[np.asarray(ids)] = np.clip(cosine, 0.0, 1.0)
            if term_id < len(row):
                row[term_id] = 1.0  # the same term, whatever rounding says
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
        rows = sum(row.nbytes for cache in self._rows for row in cache.values())
        vectors = sum(m.data.nbytes + m.indices.nbytes + m.indptr.nbytes for m in self._side_vectors)
        return int(rows + vectors)


def _empty() -> sp.csr_matrix:
    return sp.csr_matrix((0, _NGRAMS.n_features), dtype=np.float64)
