"""The index and the two rankings: candidates for a placement, placements for a resident."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from .columns import ROUTE_BIT, ColumnStore, placement_schema, resident_schema
from .explain import Audience, Facts, sentence
from .factors import FACTORS
from .freshness import STALE_AFTER_MONTHS, stale_cutoff
from .geo import distances_km
from .numbers import consultant_reason, numbers_for
from .pair import Pairs
from .profiles import PlacementProfile, ResidentProfile, Weights
from .rules import RULE_BY_CODE, RULES, exclusions, failed_rules
from .text import SparseRows, TextModel
from .vocab_index import OFFERED, WISHED, Vocabulary


@dataclass(frozen=True)
class Reason:
    factor: str
    contribution: float
    text: str


@dataclass(frozen=True)
class Match:
    id: int
    score: float
    reasons: tuple[Reason, ...]
    abc_missing: bool = False


@dataclass
class Ranking:
    items: list[Match]
    considered: int
    eligible: int
    excluded_total: int
    excluded_by_reason: dict[str, int] = field(default_factory=dict)
    excluded_examples: list[tuple[int, str]] = field(default_factory=list)  # (id, rule code)
    # The municipality's wording of each example, with the numbers ("vraagt minimaal 16 uur,
    # kan 12"); empty for an organisation, which reads the number-free reason only.
    excluded_texts: dict[int, str] = field(default_factory=dict)


class MatchingIndex:
    """Residents and placements encoded once; upserts keep it current without a rebuild."""

    def __init__(
        self,
        residents: Sequence[ResidentProfile],
        placements: Sequence[PlacementProfile],
        *,
        occupations: Iterable[str] = (),
        aliases: Mapping[str, str] | None = None,
    ):
        """`occupations` is the reference list free text is normalised against (the kansrijke
        beroepen); `aliases` maps common job titles to its entries."""
        # A build makes hundreds of thousands of objects that live on; the cyclic garbage
        # collector would scan them again and again as they come, which makes a build grow
        # faster than its input. They form no cycles, so nothing is lost by pausing it.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(residents, placements, occupations, aliases)
        finally:
            if collecting:
                gc.enable()

    def _build(
        self,
        residents: Sequence[ResidentProfile],
        placements: Sequence[PlacementProfile],
        occupations: Iterable[str],
        aliases: Mapping[str, str] | None,
    ) -> None:
        self.occupations = Vocabulary(occupations, aliases)
        self.occupations.learn(
            [w for r in residents for w in r.wished_occupations] + [p.occupation for p in placements]
        )
        self.sectors = Vocabulary()
        self.text = TextModel([r.talents for r in residents] + [p.text for p in placements])
        self.residents = ColumnStore(
            resident_schema(lambda t: self.occupations.id_of(t, WISHED), lambda t: self.sectors.id_of(t, WISHED)),
            residents,
            lambda r: r.id,
        )
        self.placements = ColumnStore(
            placement_schema(self.occupations.id_of, self.sectors.id_of), placements, lambda p: p.id
        )
        self.occupations.prepare()  # the first ranking then costs what later ones do
        self.sectors.prepare()
        fitted, self.text.corpus_vectors = self.text.corpus_vectors, sp.csr_matrix((0, 1), dtype=np.float32)
        self.resident_text = SparseRows(fitted[: len(residents)])
        self.placement_text = SparseRows(fitted[len(residents) :])
        self.changes = 0  # upserts since the build

    # -- keeping current ---------------------------------------------------------------
    def upsert_resident(self, profile: ResidentProfile) -> None:
        row = self.residents.upsert(profile)
        self.resident_text.set(row, self.text.vectors([profile.talents]))
        self.changes += 1

    def upsert_placement(self, profile: PlacementProfile) -> None:
        row = self.placements.upsert(profile)
        self.placement_text.set(row, self.text.vectors([profile.text]))
        self.changes += 1

    def remove_resident(self, resident_id: int) -> None:
        self.residents.remove(resident_id)

    def remove_placement(self, placement_id: int) -> None:
        self.placements.remove(placement_id)

    @property
    def memory_bytes(self) -> int:
        text = sum(
            m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
            for m in (self.resident_text.base, self.placement_text.base)
        )
        similarity = self.occupations.memory_bytes + self.sectors.memory_bytes
        return int(self.residents.memory_bytes + self.placements.memory_bytes + text + similarity)

    # -- ranking -------------------------------------------------------------------------
    def rank_candidates(
        self,
        placement_id: int,
        *,
        weights: Weights,
        today: date,
        limit: int = 20,
        audience: Audience | Callable[[int], Audience] = "municipality",
    ) -> Ranking:
        """Residents for one placement, best first.

        `audience` may depend on the resident: a consultant reads the full wording for their own
        caseload and the employer's wording for everybody else's residents.
        """
        row = self._row(self.placements, placement_id, "placement")
        pairs = self._pairs(p_row=row, r_row=None, today=today, stale_after_months=weights.stale_after_months)
        return self._rank(pairs, self.residents, weights, limit, audience, None)

    def rank_placements(
        self,
        resident_id: int,
        *,
        weights: Weights,
        today: date,
        limit: int = 20,
        audience: Audience = "municipality",
        where: Callable[[dict[str, NDArray[Any]]], NDArray[np.bool_]] | None = None,
    ) -> Ranking:
        """Placements for one resident, best first; `where` narrows the placements (filters)."""
        row = self._row(self.residents, resident_id, "resident")
        pairs = self._pairs(p_row=None, r_row=row, today=today, stale_after_months=weights.stale_after_months)
        return self._rank(pairs, self.placements, weights, limit, audience, where)

    def why_excluded(self, placement_id: int, resident_id: int, today: date) -> list[tuple[str, str]]:
        """Every rule this one pair fails, as (code, Dutch reason); empty when it is eligible."""
        p_row = self._row(self.placements, placement_id, "placement")
        r_row = self._row(self.residents, resident_id, "resident")
        pairs = self._pairs(p_row=p_row, r_row=r_row, today=today)
        return [(rule.code, rule.reason) for rule in failed_rules(pairs)]

    def why_excluded_in_numbers(self, placement_id: int, resident_id: int, today: date) -> list[tuple[str, str]]:
        """As `why_excluded`, worded for the consultant with the numbers; never for an organisation."""
        p_row = self._row(self.placements, placement_id, "placement")
        r_row = self._row(self.residents, resident_id, "resident")
        pairs = self._pairs(p_row=p_row, r_row=r_row, today=today)
        return [
            (rule.code, consultant_reason(rule.code, numbers_for(rule.code, pairs, 0, 1)))
            for rule in failed_rules(pairs)
        ]

    @staticmethod
    def _row(store: ColumnStore[Any], record_id: int, what: str) -> int:
        row = store.row_of.get(record_id)
        if row is None or not store.active[row]:
            raise KeyError(f"{what} {record_id} is not in the index")
        return row

    def _pairs(
        self, *, p_row: int | None, r_row: int | None, today: date, stale_after_months: int = STALE_AFTER_MONTHS
    ) -> Pairs:
        p = self.placements.one(p_row) if p_row is not None else self.placements.all()
        r = self.residents.one(r_row) if r_row is not None else self.residents.all()
        if p_row is not None:  # one placement against every resident
            distance = distances_km(p["lat"], p["lon"], r["lat"], r["lon"])
            text = self.resident_text.similarity(self.placement_text.row(p_row), self.residents.size)
            # The placement's term against every wished term, then one gather per wish: cheap.
            occupation = _best_wish(self.occupations.row(int(p["occupation"]), WISHED), r["wished_occupations"])
            sector = _best_wish(self.sectors.row(int(p["sector"]), WISHED), r["wished_sectors"])
        else:  # one resident against every placement
            assert r_row is not None
            distance = distances_km(r["lat"], r["lon"], p["lat"], p["lon"])
            text = self.placement_text.similarity(self.resident_text.row(r_row), self.placements.size)
            occupation = self.occupations.best_against(r["wished_occupations"][0], OFFERED)[p["occupation"]]
            sector = self.sectors.best_against(r["wished_sectors"][0], OFFERED)[p["sector"]]
        return Pairs(
            p=p,
            r=r,
            today=today.toordinal(),
            year=today.year,
            distance=distance,
            occupation_similarity=occupation,
            sector_similarity=sector,
            text_similarity=text,
            stale_before=stale_cutoff(today, stale_after_months).toordinal(),
        )

    def _rank(
        self,
        pairs: Pairs,
        others: ColumnStore[Any],
        weights: Weights,
        limit: int,
        audience: Audience | Callable[[int], Audience],
        where: Callable[[dict[str, NDArray[Any]]], NDArray[np.bool_]] | None,
    ) -> Ranking:
        size = others.size
        active = others.active[:size]
        if where is not None:
            active = active & where(others.all())
        excluded, by_reason, first_rule = exclusions(pairs, size, active)
        eligible = active & ~excluded
        total_weight = weights.total
        values = {f.code: np.broadcast_to(f.value(pairs), (size,)) for f in FACTORS}
        score = np.zeros(size, dtype=np.float64)
        for code, value in values.items():
            if weights.of(code):
                score += (weights.of(code) / total_weight) * value
        score = np.where(eligible, score, -np.inf)
        n_eligible = int(np.count_nonzero(eligible))
        top = _top_k(score, others.ids[:size], min(limit, n_eligible))
        wording = audience if callable(audience) else (lambda _id: audience)
        items = [
            self._match(
                pairs, values, int(i), float(score[i]), int(others.ids[i]), weights, wording(int(others.ids[i]))
            )
            for i in top
        ]
        examples_rows = np.flatnonzero(active & excluded)[:20]
        examples = [(int(others.ids[i]), RULES[first_rule[i]].code) for i in examples_rows]
        texts = (
            {
                int(others.ids[i]): consultant_reason(code, numbers_for(code, pairs, int(i), size))
                for i, (_id, code) in zip(examples_rows, examples, strict=True)
            }
            if audience == "municipality"
            else {}
        )
        if audience == "organisation":  # per-rule counts could hint at indications: lump those
            by_reason = _lump_sensitive(by_reason)
        return Ranking(
            items=items,
            considered=int(np.count_nonzero(active)),
            eligible=n_eligible,
            excluded_total=int(np.count_nonzero(active & excluded)),
            excluded_by_reason=by_reason,
            excluded_examples=examples,
            excluded_texts=texts,
        )

    def _match(
        self,
        pairs: Pairs,
        values: dict[str, NDArray[np.float64]],
        i: int,
        score: float,
        record_id: int,
        weights: Weights,
        audience: Audience,
    ) -> Match:
        def at(array: Any) -> Any:
            array = np.asarray(array)
            return array.reshape(-1)[i] if array.size > 1 else array.reshape(-1)[0]

        route_bit = int(at(pairs.r["route_bit"]))
        facts = Facts(
            abc=int(at(pairs.r["abc"])),
            max_abc=int(at(pairs.p["max_abc"])),
            distance=float(at(pairs.distance)),
            kansrijk=bool(at(pairs.p["kansrijk"])),
            young=bool(at(pairs.young)),
            towards_work=bool(route_bit & (ROUTE_BIT["ontwikkeling"] | ROUTE_BIT["snel"])),
            hours=int(at(pairs.r["hours"])),
            max_hours=int(at(pairs.p["max_hours"])),
            load=int(at(pairs.p["load"])),
            capacity=int(at(pairs.r["capacity"])),
            needs=int(at(pairs.r["needs"])),
            supports=int(at(pairs.p["supports"])),
            occupation_similarity=float(at(pairs.occupation_similarity)),
            sector_similarity=float(at(pairs.sector_similarity)),
            text_similarity=float(at(pairs.text_similarity)),
            phase_value=float(values["fase"][i]),
            confirmed_on=int(at(pairs.r["confirmed_on"])),
            stale=bool(at(pairs.stale)),
        )
        total = weights.total
        reasons = sorted(
            (
                Reason(
                    code, round(weights.of(code) * float(values[code][i]) / total, 4), sentence(code, facts, audience)
                )
                for code in values
                if weights.of(code)
            ),
            key=lambda reason: -reason.contribution,
        )
        return Match(record_id, round(score, 4), tuple(reasons), abc_missing=facts.abc == 0)


def _best_wish(similarity_to_placement: NDArray[np.float32], wishes: NDArray[np.int32]) -> NDArray[np.float32]:
    """The best of each resident's wishes: one gather per wish column (a 2-D gather is ten times slower)."""
    best = similarity_to_placement[wishes[:, 0]]
    for column in range(1, wishes.shape[1]):
        np.maximum(best, similarity_to_placement[wishes[:, column]], out=best)
    return best


def _top_k(score: NDArray[np.float64], ids: NDArray[np.int64], k: int) -> NDArray[np.intp]:
    """The k best rows, best first; equal scores in id order so a list is stable."""
    if k <= 0:
        return np.empty(0, dtype=np.intp)
    candidates = np.argpartition(-score, k - 1)[:k] if k < len(score) else np.arange(len(score))
    order = np.lexsort((ids[candidates], -score[candidates]))
    result: NDArray[np.intp] = candidates[order][:k]
    return result


def _lump_sensitive(by_reason: dict[str, int]) -> dict[str, int]:
    lumped: dict[str, int] = {}
    for code, count in by_reason.items():
        key = "overig" if RULE_BY_CODE[code].sensitive else code
        lumped[key] = lumped.get(key, 0) + count
    return lumped
