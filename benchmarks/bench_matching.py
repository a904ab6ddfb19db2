"""Engine speed and memory on this machine; prints its figures (not a pass/fail test).

python benchmarks/bench_matching.py [--residents 100000] [--placements 20000] [--runs 50]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
import tracemalloc
from datetime import date

import numpy as np

from matching.engine import MatchingIndex
from matching.profiles import PlacementProfile, ResidentProfile, Weights
from matching.vocabulary import PLACEMENT_PHASES, PLACEMENT_TYPES, RESIDENT_PHASES, ROUTES, SUPPORTS

OCCUPATIONS = [
    "Schoonmakers",
    "Kassamedewerkers",
    "Heftruckchauffeurs",
    "Restaurantkoks",
    "Helpenden",
    "Magazijn-, expeditiemedewerkers en orderpickers",
    "Verzorgenden IG",
    "Rijwielmonteurs",
    "Keukenassistenten",
    "(Voorman) hoveniers, groenonderhoud",
    "Automonteurs",
    "Lassers",
]
SECTORS = ["Zorg", "Horeca", "Bouw", "Detailhandel", "Transport - logistiek", "Welzijn", "Techniek"]
WORDS = (
    "werken handen buiten binnen mensen helpen koken schoonmaken sorteren inpakken techniek fietsen dieren "
    "tuin zorg klanten kassa magazijn rijden bouwen repareren computer rustig samen team creatief"
).split()
TODAY = date(2026, 11, 23)


def residents(n: int, rng: random.Random) -> list[ResidentProfile]:
    return [
        ResidentProfile(
            id=i,
            route=rng.choice([*ROUTES, None]),
            phase=rng.choice(RESIDENT_PHASES),
            abc=rng.randint(0, 7),
            birth_year=rng.randint(1960, 2006),
            doelgroepregister=rng.random() < 0.15,
            beschut_advies=rng.random() < 0.05,
            hours_available=rng.choice([0, 8, 16, 24, 32, 40]),
            max_travel_km=rng.choice([5, 10, 20, 40]),
            driving_licence=rng.random() < 0.4,
            language_level=rng.choice(["none", "A2", "B1", "B2"]),
            needs=frozenset(rng.sample(SUPPORTS[:3], rng.randint(0, 2))),
            wished_occupations=tuple(rng.sample(OCCUPATIONS, 2)),
            wished_sectors=(rng.choice(SECTORS),),
            talents=" ".join(rng.sample(WORDS, 5)),
            lat=rng.uniform(51.8, 52.3),
            lon=rng.uniform(5.3, 6.0),
        )
        for i in range(n)
    ]


def placements(n: int, rng: random.Random) -> list[PlacementProfile]:
    return [
        PlacementProfile(
            id=i,
            type=rng.choice(PLACEMENT_TYPES),
            routes=frozenset(rng.sample(ROUTES, 2)),
            phase=rng.choice(PLACEMENT_PHASES),
            max_abc=rng.randint(2, 7),
            min_hours=rng.choice([0, 8, 16]),
            max_hours=rng.choice([16, 24, 32, 40]),
            occupation=rng.choice(OCCUPATIONS),
            sector=rng.choice(SECTORS),
            kansrijk=rng.random() < 0.5,
            supports=frozenset(rng.sample(SUPPORTS, 2)),
            text=" ".join(rng.sample(WORDS, 6)),
            lat=rng.uniform(51.8, 52.3),
            lon=rng.uniform(5.3, 6.0),
            free_places=rng.randint(0, 3),
        )
        for i in range(n)
    ]


def timed(call, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def floor(size: int, runs: int, rng: np.random.Generator) -> float:
    """A bare numpy weighted sum of 8 factor arrays plus argpartition: the least any ranking costs."""
    factors = rng.random((8, size))
    weights = rng.random(8)

    def once() -> None:
        score = weights @ factors
        np.argpartition(-score, 19)[:20]

    return statistics.median(timed(once, runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--placements", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(7)
    people, places = residents(args.residents, rng), placements(args.placements, rng)
    weights = Weights()

    gc.collect()
    start = time.perf_counter()
    index = MatchingIndex(people, places[:1])
    build_s = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    measured = MatchingIndex(people, places[:1])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del measured

    index = MatchingIndex(people, places)
    pids, rids = [p.id for p in places], [r.id for r in people]
    pick = random.Random(3)
    candidates = timed(
        lambda: index.rank_candidates(pick.choice(pids), weights=weights, today=TODAY, limit=20), args.runs
    )
    matches = timed(lambda: index.rank_placements(pick.choice(rids), weights=weights, today=TODAY, limit=20), args.runs)
    np_rng = np.random.default_rng(1)
    floor_residents, floor_placements = (
        floor(args.residents, args.runs, np_rng),
        floor(args.placements, args.runs, np_rng),
    )
    upserts = timed(lambda: index.upsert_resident(people[pick.randrange(len(people))]), 200)

    c50, m50 = statistics.median(candidates), statistics.median(matches)
    print(f"machine: {__import__('os').cpu_count()} cores; numpy {np.__version__}")
    print(
        f"index of {args.residents:,} residents built in {build_s:.2f} s (target <= 10 s); "
        f"peak traced memory {peak / 2**20:.0f} MB (target <= 200 MB); "
        f"arrays and text {index.memory_bytes / 2**20:.0f} MB"
    )
    print(
        f"rank {args.residents:,} residents for one placement: median {c50:.1f} ms, p95 "
        f"{np.percentile(candidates, 95):.1f} ms (target <= 50 ms); floor {floor_residents:.2f} ms; "
        f"ratio {c50 / floor_residents:.1f}x (goal <= 3x)"
    )
    print(
        f"rank {args.placements:,} placements for one resident: median {m50:.1f} ms, p95 "
        f"{np.percentile(matches, 95):.1f} ms (target <= 20 ms); floor {floor_placements:.2f} ms; "
        f"ratio {m50 / floor_placements:.1f}x (goal <= 3x)"
    )
    print(f"upsert of one resident: median {statistics.median(upserts):.3f} ms")


if __name__ == "__main__":
    main()
