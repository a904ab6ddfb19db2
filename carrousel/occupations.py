"""The kansrijke-beroepen list: fuzzy search and normalisation of free-text occupations.

Common job titles and search words ("verkoper", "tuin") map to the list's entries through
`seed/beroepen-synoniemen.csv`, loaded with the list: they come first in a search.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from rapidfuzz import fuzz, process, utils
from sqlalchemy import func
from sqlmodel import Session, select

from .models import Occupation
from .paths import SEED_DIR

SYNONYMS_FILE = "beroepen-synoniemen.csv"

# WRatio of at least this makes a free-text occupation count as the list entry.
NORMALISE_CUTOFF = 86.0
SEARCH_CUTOFF = 50.0


@dataclass(frozen=True)
class OccupationEntry:
    code: str
    name: str
    sector: str
    level: str


class OccupationList:
    """The list in memory; rapidfuzz tolerates typos and word order, synonyms find job titles."""

    def __init__(self, entries: list[OccupationEntry], synonyms: list[tuple[str, str]] | None = None):
        self.entries = entries
        self._choices = [utils.default_process(e.name) for e in entries]
        by_name = {choice: index for index, choice in enumerate(self._choices)}
        self.synonyms: dict[str, list[int]] = {}  # search word -> entry indexes, in the file's order
        for word, name in synonyms or ():
            index = by_name.get(utils.default_process(name))
            key = utils.default_process(word)
            if index is not None and key and index not in self.synonyms.setdefault(key, []):
                self.synonyms[key].append(index)

    @property
    def aliases(self) -> dict[str, str]:
        """Each search word with the entry it means first (for normalising free text)."""
        return {word: self.entries[indexes[0]].name for word, indexes in self.synonyms.items() if indexes}

    def search(self, query: str, limit: int = 10) -> list[tuple[OccupationEntry, float]]:
        query = utils.default_process(query)
        if not query:
            return []
        best: dict[int, tuple[float, int]] = {}  # entry index -> (score, order among equals)
        for order, (index, score) in enumerate(self._synonym_hits(query)):
            best.setdefault(index, (score, order))
        found = process.extract(
            query, self._choices, scorer=fuzz.WRatio, processor=None, limit=limit, score_cutoff=SEARCH_CUTOFF
        )
        for order, (_, score, index) in enumerate(found, start=len(best)):
            if index not in best or best[index][0] < score:
                best[index] = (float(score), best.get(index, (0.0, order))[1])
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))[:limit]
        return [(self.entries[index], score) for index, (score, _) in ranked]

    def _synonym_hits(self, query: str) -> list[tuple[int, float]]:
        """Entries by synonym: the word itself (100), a word within the query (95), a word the
        query begins (90: typing "tuinm" finds the hovenier)."""
        padded = f" {query} "
        hits: list[tuple[int, float]] = []
        for word, indexes in self.synonyms.items():
            if word == query:
                score = 100.0
            elif f" {word} " in padded:
                score = 95.0
            elif len(query) >= 3 and word.startswith(query):
                score = 90.0
            else:
                continue
            hits.extend((index, score) for index in indexes)
        return sorted(hits, key=lambda hit: -hit[1])

    def normalise(self, text: str) -> OccupationEntry | None:
        """The list entry a free text means, or None when nothing is close enough."""
        key = utils.default_process(text or "")
        if key in self.synonyms:
            return self.entries[self.synonyms[key][0]]
        best = (
            process.extractOne(key, self._choices, scorer=fuzz.WRatio, processor=None, score_cutoff=NORMALISE_CUTOFF)
            if key
            else None
        )
        return self.entries[best[2]] if best else None


def occupation_list(session: Session) -> OccupationList:
    """The list as loaded in the database, cached until the table changes."""
    signature = session.exec(select(func.count(), func.max(Occupation.id))).one()
    cache = current_app.extensions.get("carrousel.occupations")
    if cache is None or cache[0] != tuple(signature):
        rows = session.exec(select(Occupation).order_by(Occupation.id)).all()
        entries = [OccupationEntry(r.code, r.name, r.sector, r.level) for r in rows]
        cache = (tuple(signature), OccupationList(entries, read_synonyms(SEED_DIR / SYNONYMS_FILE)))
        current_app.extensions["carrousel.occupations"] = cache
    return cache[1]


def read_occupation_file(path: Path) -> list[OccupationEntry]:
    """Read a list with columns code, beroep, sector, niveau; lines starting with # are notes."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.DictReader(lines)
    missing = {"code", "beroep", "sector", "niveau"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"{path} mist de kolom(men): {', '.join(sorted(missing))}")
    return [
        OccupationEntry(r["code"].strip(), r["beroep"].strip(), r["sector"].strip(), r["niveau"].strip())
        for r in reader
        if r.get("beroep", "").strip()
    ]


def read_synonyms(path: Path) -> list[tuple[str, str]]:
    """(search word, list entry) pairs from a file with columns zoekwoord, beroep; none if absent."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [
        (row["zoekwoord"].strip(), row["beroep"].strip())
        for row in csv.DictReader(lines)
        if (row.get("zoekwoord") or "").strip() and (row.get("beroep") or "").strip()
    ]
