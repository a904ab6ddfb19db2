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
    """TF-IDF vectors; fitted once on the texts known at build time, and a word first seen later
    joins the vocabulary at once, weighted as the rarest (it is in one text).

    Each text is a sparse row of L2-normalised sublinear TF-IDF weights; the width grows as
    words join, and rows built earlier are simply narrower (they lack only the new words).
    """

    def __init__(self, corpus: Sequence[str]):
        """Fit on the corpus; `corpus_vectors` holds its rows (one pass over the texts, not two)."""
        vectorizer = TfidfVectorizer(
            strip_accents="unicode", lowercase=True, sublinear_tf=True, stop_words=STOP_WORDS, dtype=np.float32
        )
        self.analyse = vectorizer.build_analyzer()
        self.documents = len(corpus) if any(t and t.strip() for t in corpus) else 0
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=np.float32)
        self.corpus_vectors = sp.csr_matrix((len(corpus), 1), dtype=np.float32)
        if self.documents:
            try:
                self.corpus_vectors = vectorizer.fit_transform(list(corpus)).tocsr()
            except ValueError:  # only stop words: nothing learned yet
                return
            self.vocabulary = {str(word): int(i) for word, i in vectorizer.vocabulary_.items()}
            self.idf = np.asarray(vectorizer.idf_, dtype=np.float32)

    def vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        """One row per text; texts with words not seen before teach the model those words."""
        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            counts: dict[int, int] = {}
            for word in self.analyse(text or ""):
                column = self.vocabulary.get(word)
                if column is None:
                    column = self._learn(word)
                counts[column] = counts.get(column, 0) + 1
            columns = sorted(counts)
            weights = np.array([(1.0 + np.log(counts[c])) * self.idf[c] for c in columns], dtype=np.float32)
            norm = float(np.sqrt(np.dot(weights, weights)))
            data.extend((weights / norm).tolist() if norm else [])
            indices.extend(columns if norm else [])
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
            shape=(len(texts), max(1, self.width)),
        )

    def _learn(self, word: str) -> int:
        column = len(self.vocabulary)
        self.vocabulary[word] = column
        rarest = np.log((1.0 + self.documents) / 2.0) + 1.0  # scikit-learn's smooth idf for one text
        self.idf = np.append(self.idf, np.float32(rarest))
        return column

    @property
    def width(self) -> int:
        return max(1, len(self.vocabulary))


def widened(matrix: sp.csr_matrix, rows: int, columns: int) -> sp.csr_matrix:
    """The same rows and entries in a larger shape (new rows and columns empty)."""
    indptr = np.concatenate([matrix.indptr, np.full(rows - matrix.shape[0], matrix.indptr[-1])])
    return sp.csr_matrix((matrix.data, matrix.indices, indptr), shape=(rows, max(columns, matrix.shape[1])))


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
        """Fold the changed rows into the base: keep the unchanged rows, add the new ones (O(nnz))."""
        width = max([self.base.shape[1], *(v.shape[1] for v in self.changed.values())])
        base = widened(self.base, rows, width)
        keep = np.ones(rows, dtype=np.float32)
        keep[list(self.changed)] = 0.0
        order = sorted(self.changed)
        patch = sp.csr_matrix((rows, width), dtype=np.float32)
        if order:
            stacked = sp.vstack([widened(self.changed[r], 1, width) for r in order]).tocoo()
            patch = sp.csr_matrix(
                (stacked.data, (np.asarray(order)[stacked.row], stacked.col)), shape=(rows, width), dtype=np.float32
            )
        self.base = (sp.diags(keep) @ base + patch).tocsr()
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
            out[:n] = base @ _fit(dense, base.shape[1])
        for row, changed in self.changed.items():
            if row < rows:
                out[row] = float((changed @ _fit(dense, changed.shape[1]))[0]) if changed.nnz else 0.0
        return out


def _fit(dense: NDArray[np.float32], width: int) -> NDArray[np.float32]:
    """A dense vector cut or zero-padded to a matrix's width (words it lacks weigh nothing)."""
    if len(dense) >= width:
        return dense[:width]
    return np.concatenate([dense, np.zeros(width - len(dense), dtype=dense.dtype)])
