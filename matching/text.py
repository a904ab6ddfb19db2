"""Talents against descriptions: TF-IDF vectors (scikit-learn) and cosine similarity."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

# Common Dutch words carry no meaning for a match.
STOP_WORDS = sorted(
    set(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "op",
            "te",
            "met",
            "voor",
            "aan",
            "bij",
            "als",
            "is",
            "zijn",
            "er",
            "om",
            "die",
            "dat",
            "ook",
            "maar",
            "niet",
            "wel",
            "of",
            "naar",
            "door",
            "over",
            "uit",
            "tot",
            "je",
            "jij",
            "ik",
            "we",
            "wij",
            "u",
            "hun",
            "hij",
            "zij",
            "ze",
            "dit",
            "deze",
            "wat",
            "wordt",
            "worden",
            "kan",
            "kunnen",
            "graag",
            "heel",
            "veel",
            "goed",
        ]
    )
)


class TextModel:
    """A vectorizer fitted once on the texts known at build time; new words wait for a rebuild."""

    def __init__(self, corpus: Sequence[str]):
        self.vectorizer: TfidfVectorizer | None = None
        texts = [t for t in corpus if t and t.strip()]
        if texts:
            vectorizer = TfidfVectorizer(
                strip_accents="unicode", lowercase=True, sublinear_tf=True, stop_words=STOP_WORDS, dtype=np.float32
            )
            try:
                vectorizer.fit(texts)
                self.vectorizer = vectorizer
            except ValueError:  # only stop words: nothing to compare
                self.vectorizer = None

    def vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        if self.vectorizer is None or not texts:  # sklearn refuses to transform zero texts
            return sp.csr_matrix((len(texts), self.width), dtype=np.float32)
        matrix: sp.csr_matrix = self.vectorizer.transform(list(texts)).tocsr()
        return matrix

    @property
    def width(self) -> int:
        return 1 if self.vectorizer is None else len(self.vectorizer.vocabulary_)


class SparseRows:
    """Rows of L2-normalised vectors; rows changed after the build are kept aside until compacted."""

    def __init__(self, base: sp.csr_matrix):
        self.base = base
        self.changed: dict[int, sp.csr_matrix] = {}

    def set(self, row: int, vector: sp.csr_matrix) -> None:
        self.changed[row] = vector
        if len(self.changed) > 2000:
            self.compact(max(self.base.shape[0], max(self.changed) + 1))

    def compact(self, rows: int) -> None:
        base = self.base
        if rows > base.shape[0]:
            base = sp.vstack([base, sp.csr_matrix((rows - base.shape[0], base.shape[1]), dtype=np.float32)])
        base = base.tolil()
        for row, vector in self.changed.items():
            base[row] = vector
        self.base = base.tocsr()
        self.changed = {}

    def row(self, row: int) -> sp.csr_matrix:
        if row in self.changed:
            return self.changed[row]
        if row < self.base.shape[0]:
            result: sp.csr_matrix = self.base[row]
            return result
        return sp.csr_matrix((1, self.base.shape[1]), dtype=np.float32)

    def similarity(self, vector: sp.csr_matrix, rows: int) -> NDArray[np.float32]:
        """Cosine similarity of vector with the first `rows` rows."""
        out = np.zeros(rows, dtype=np.float32)
        if vector.nnz == 0:
            return out
        n = min(rows, self.base.shape[0])
        dense = vector.toarray().ravel()  # sparse matrix times dense vector: one fast pass
        if n:
            base = self.base if n == self.base.shape[0] else self.base[:n]
            out[:n] = base @ dense
        for row, changed in self.changed.items():
            if row < rows:
                out[row] = float((changed @ dense)[0]) if changed.nnz else 0.0
        return out
