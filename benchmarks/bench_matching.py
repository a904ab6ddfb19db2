"""Engine speed and memory at regional scale on this machine; prints its figures (not a pass/fail test).

python benchmarks/bench_matching.py [--residents 100000] [--placements 20000] [--free-occupations 10000] [--runs 50]

Each scale runs in a fresh process (so its resident memory is its own): first the given
size, then twice that, and the growth ratio of build time and memory between the two.
Placements carry `--free-occupations` distinct free-text occupations besides the UWV list,
residents wish up to five occupations (some free text too), as in a real region.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from typing import Any

import numpy as np

from matching.engine import MatchingIndex
from matching.profiles import PlacementProfile, ResidentProfile, Weights
from matching.vocabulary import PHYSICAL_LOADS, PLACEMENT_PHASES, PLACEMENT_TYPES, RESIDENT_PHASES, ROUTES, SUPPORTS

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


def free_occupations(n: int, rng: random.Random) -> list[str]:
    """n distinct free-text occupations, as employers type them."""
    return [f"{' '.join(rng.sample(WORDS, 2))} medewerker {i}" for i in range(n)]


def residents(n: int, rng: random.Random, free: list[str]) -> list[ResidentProfile]:
    return [
        ResidentProfile(
            id=i,
            route=rng.choice([*ROUTES, None]),
            phase=rng.choice(RESIDENT_PHASES),
            abc=rng.randint(0, 7),
            birth_year=rng.randint(1960, 2006),
            birth_date=date(rng.randint(1960, 2006), rng.randint(1, 12), rng.randint(1, 28)) if i % 3 == 0 else None,
            doelgroepregister=rng.random() < 0.15,
            beschut_advies=rng.random() < 0.05,
            hours_available=rng.choice([None, 0, 8, 16, 24, 32, 40]),
            max_travel_km=rng.choice([5, 10, 20, 40]),
            driving_licence=rng.random() < 0.4,
            language_level=rng.choice(["none", "A2", "B1", "B2"]),
            physical_capacity=rng.choice(PHYSICAL_LOADS),
            needs=frozenset(rng.sample(SUPPORTS[:3], rng.randint(0, 2))),
            wished_occupations=tuple(rng.sample(OCCUPATIONS, rng.randint(0, 4)))
            + ((rng.choice(free),) if rng.random() < 0.2 else ()),
            wished_sectors=(rng.choice(SECTORS),),
            talents=" ".join(rng.sample(WORDS, 5)),
            lat=rng.uniform(51.8, 52.3),
            lon=rng.uniform(5.3, 6.0),
        )
        for i in range(n)
    ]


def placements(n: int, rng: random.Random, free: list[str]) -> list[PlacementProfile]:
    return [
        PlacementProfile(
            id=i,
            type=rng.choice(PLACEMENT_TYPES),
            routes=frozenset(rng.sample(ROUTES, 2)),
            phase=rng.choice(PLACEMENT_PHASES),
            max_abc=rng.randint(2, 7),
            min_hours=rng.choice([0, 8, 16]),
            max_hours=rng.choice([16, 24, 32, 40]),
            physical_load=rng.choice(PHYSICAL_LOADS),
            occupation=free[i % len(free)] if i % 2 else rng.choice(OCCUPATIONS),
            sector=rng.choice(SECTORS),
            kansrijk=i % 2 == 0,
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


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def floor(size: int, runs: int, rng: np.random.Generator) -> float:
    """A bare numpy weighted sum of 9 factor arrays plus argpartition: the least any ranking costs."""
    factors = rng.random((9, size))
    weights = rng.random(9)

    def once() -> None:
        score = weights @ factors
        np.argpartition(-score, 19)[:20]

    return statistics.median(timed(once, runs))


def measure(n_residents: int, n_placements: int, n_free: int, runs: int) -> dict[str, Any]:
    """One scale, in this process: build, memory, first and later rankings."""
    rng = random.Random(7)
    free = free_occupations(n_free, rng)
    people, places = residents(n_residents, rng, free), placements(n_placements, rng, free)
    gc.collect()
    before = rss_mb()
    builds = []  # the best of three: another process on the machine only ever adds time
    for _ in range(3):
        index = None
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        index = MatchingIndex(people, places, occupations=OCCUPATIONS)
        builds.append((time.perf_counter() - start, time.process_time() - cpu))
    build_s, build_cpu_s = min(b[0] for b in builds), min(b[1] for b in builds)
    after = rss_mb()
    weights, pick = Weights(), random.Random(3)
    pids, rids = [p.id for p in places], [r.id for r in people]
    first_candidates = timed(lambda: index.rank_candidates(pids[1], weights=weights, today=TODAY), 1)[0]
    first_placements = timed(lambda: index.rank_placements(rids[1], weights=weights, today=TODAY), 1)[0]
    candidates = timed(lambda: index.rank_candidates(pick.choice(pids), weights=weights, today=TODAY), runs)
    matches = timed(lambda: index.rank_placements(pick.choice(rids), weights=weights, today=TODAY), runs)
    upserts = timed(lambda: index.upsert_resident(people[pick.randrange(len(people))]), 200)
    np_rng = np.random.default_rng(1)
    return {
        "residents": n_residents,
        "placements": n_placements,
        "terms": len(index.occupations),
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "rss_profiles_mb": before,
        "rss_index_mb": after,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "index_arrays_mb": index.memory_bytes / 2**20,
        "first_candidates_ms": first_candidates,
        "first_placements_ms": first_placements,
        "candidates_p50": statistics.median(candidates),
        "candidates_p95": float(np.percentile(candidates, 95)),
        "placements_p50": statistics.median(matches),
        "placements_p95": float(np.percentile(matches, 95)),
        "floor_residents": floor(n_residents, runs, np_rng),
        "floor_placements": floor(n_placements, runs, np_rng),
        "upsert_ms": statistics.median(upserts),
    }


def report(m: dict[str, Any]) -> None:
    print(
        f"{m['residents']:,} residents / {m['placements']:,} placements, {m['terms']:,} distinct occupations: "
        f"index built in {m['build_s']:.1f} s, {m['build_cpu_s']:.1f} s CPU (target <= 10 s); "
        f"process RSS {m['rss_index_mb']:.0f} MB with the index, peak {m['peak_rss_mb']:.0f} MB "
        f"(target <= 300 MB; the profiles alone {m['rss_profiles_mb']:.0f} MB); "
        f"index arrays and text {m['index_arrays_mb']:.0f} MB"
    )
    print(
        f"  rank {m['residents']:,} residents for one placement: first {m['first_candidates_ms']:.1f} ms, then "
        f"median {m['candidates_p50']:.1f} ms, p95 {m['candidates_p95']:.1f} ms (target <= 50 ms); "
        f"floor {m['floor_residents']:.2f} ms"
    )
    print(
        f"  rank {m['placements']:,} placements for one resident: first {m['first_placements_ms']:.1f} ms, then "
        f"median {m['placements_p50']:.1f} ms, p95 {m['placements_p95']:.1f} ms (target <= 20 ms); "
        f"floor {m['floor_placements']:.2f} ms"
    )
    print(f"  upsert of one resident: median {m['upsert_ms']:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--placements", type=int, default=20_000)
    parser.add_argument("--free-occupations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--one", action="store_true", help="measure one scale in this process, print JSON")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.residents, args.placements, args.free_occupations, args.runs)))
        return
    print(f"machine: {os.cpu_count()} cores; numpy {np.__version__}")
    results = []
    for factor in (1, 2):
        command = [
            sys.executable,
            __file__,
            "--one",
            f"--residents={args.residents * factor}",
            f"--placements={args.placements * factor}",
            f"--free-occupations={args.free_occupations * factor}",
            f"--runs={args.runs}",
        ]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        report(results[-1])
    small, large = results
    print(f"load average while measuring: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    print(
        f"growth at twice the size: build time {large['build_s'] / small['build_s']:.2f}x "
        f"(CPU {large['build_cpu_s'] / small['build_cpu_s']:.2f}x), "
        f"process RSS {large['rss_index_mb'] / small['rss_index_mb']:.2f}x, "
        f"index arrays {large['index_arrays_mb'] / small['index_arrays_mb']:.2f}x (target <= 2.2x)"
    )


if __name__ == "__main__":
    main()
