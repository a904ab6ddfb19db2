"""The kansrijke-beroepen list: fuzzy search and normalisation of free-text occupations."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from rapidfuzz import fuzz, process, utils
from sqlalchemy import func
from sqlmodel import Session, select

from .models import Occupation

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
    """The list in memory; rapidfuzz tolerates typos and word order."""

    def __init__(self, entries: list[OccupationEntry]):
        self.entries = entries
        self._choices = [utils.default_process(e.name) for e in entries]

    def search(self, query: str, limit: int = 10) -> list[tuple[OccupationEntry, float]]:
        query = utils.default_process(query)
        if not query:
            return []
        found = process.extract(
            query, self._choices, scorer=fuzz.WRatio, processor=None, limit=limit, score_cutoff=SEARCH_CUTOFF
        )
        return [(self.entries[index], score) for _, score, index in found]

    def normalise(self, text: str) -> OccupationEntry | None:
        """The list entry a free text means, or None when nothing is close enough."""
        best = self.search(text, limit=1)
        return best[0][0] if best and best[0][1] >= NORMALISE_CUTOFF else None


def occupation_list(session: Session) -> OccupationList:
    """The list as loaded in the database, cached until the table changes."""
    signature = session.exec(select(func.count(), func.max(Occupation.id))).one()
    cache = current_app.extensions.get("carrousel.occupations")
    if cache is None or cache[0] != tuple(signature):
        rows = session.exec(select(Occupation).order_by(Occupation.id)).all()
        entries = [OccupationEntry(r.code, r.name, r.sector, r.level) for r in rows]
        cache = (tuple(signature), OccupationList(entries))
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
