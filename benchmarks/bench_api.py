"""The API on PostgreSQL at regional scale; prints its figures (not a pass/fail test).

    python benchmarks/bench_api.py [--database postgresql+psycopg://postgres@127.0.0.1:5432/carrousel_bench]
                                   [--residents 100000] [--placements 20000]

The database named is dropped and created anew, then filled as `carrousel seed
--synthetic-residents N --synthetic-placements M` does (timed). A worker is then started as
`carrousel serve` starts one, in a process of its own: the index is built before traffic
(timed, with the process's memory), and the first candidates call is compared with the later
ones. The same again at twice the size, with the growth ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url

from carrousel import create_app
from carrousel.auth.service import create_user
from carrousel.db import unit_of_work, upgrade_schema
from carrousel.models import Placement
from carrousel.seeding import run_seed
from carrousel.seeding.occupations import load_occupations

PASSWORD = "benchmark-wachtwoord"


def fresh_database(url: str) -> None:
    parsed = make_url(url)
    admin = f"host={parsed.host} port={parsed.port or 5432} user={parsed.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parsed.database}"')
        connection.execute(f'CREATE DATABASE "{parsed.database}"')


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1]) / 1024


def worker(url: str, calls: int) -> dict[str, Any]:
    """One worker as `carrousel serve` starts it: the index first, then traffic."""
    from carrousel.server import prepare

    app = create_app({"instance_path": tempfile.mkdtemp(), "app": {"database_url": url}})
    before, cpu = rss_mb(), time.process_time()
    build_s = prepare(app)
    after, build_cpu_s = rss_mb(), time.process_time() - cpu
    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"email": "bench@test.nl", "password": PASSWORD}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    with app.app_context(), unit_of_work(app) as session:
        ids = list(session.execute(select(Placement.id).where(Placement.status == "open").limit(50)).scalars())
    samples = []
    for i in range(calls + 1):
        start = time.perf_counter()
        response = client.get(f"/api/v1/placements/{ids[i % len(ids)]}/candidates?limit=20", headers=headers)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.get_json()
    first, later = samples[0], sorted(samples[1:])
    return {
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "rss_start_mb": before,
        "rss_mb": after,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "first_ms": first,
        "p50_ms": statistics.median(later),
        "p95_ms": later[int(0.95 * len(later)) - 1],
    }


def seed(app: Any, residents: int, placements: int, random_seed: int) -> float:
    start = time.perf_counter()
    run_seed(app, residents=residents, placements=placements, random_seed=random_seed, echo=lambda _m: None)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/carrousel_bench")
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--placements", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--worker", action="store_true", help="run one worker against the database, print JSON")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.database, args.calls)))
        return
    fresh_database(args.database)
    app = create_app({"instance_path": tempfile.mkdtemp(), "app": {"database_url": args.database}})
    upgrade_schema(app)
    with app.app_context(), unit_of_work(app) as session:
        load_occupations(session)
        create_user(session, email="bench@test.nl", password=PASSWORD, role="consultant")
    results = []
    for step in (1, 2):  # the second step adds as many again: twice the size
        seed_s = seed(app, args.residents, args.placements, random_seed=step)
        print(
            f"carrousel seed --synthetic-residents {args.residents:,} --synthetic-placements {args.placements:,} "
            f"on PostgreSQL: {seed_s:.1f} s (target < 60 s for the residents)"
        )
        command = [sys.executable, __file__, "--worker", f"--database={args.database}", f"--calls={args.calls}"]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
        results.append(result)
        print(
            f"worker at {args.residents * step:,} residents / {args.placements * step:,} placements: index from "
            f"PostgreSQL before traffic {result['build_s']:.1f} s, of which {result['build_cpu_s']:.1f} s CPU in this "
            f"process (target <= 10 s at 100k); process RSS {result['rss_mb']:.0f} MB (at start, before any index: "
            f"{result['rss_start_mb']:.0f} MB), peak {result['peak_rss_mb']:.0f} MB (target <= 300 MB at 100k); "
            f"GET /placements/{{id}}/candidates first {result['first_ms']:.0f} ms, then p50 {result['p50_ms']:.0f} ms, "
            f"p95 {result['p95_ms']:.0f} ms"
        )
    small, large = results
    print(f"load average while measuring: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    print(
        f"growth at twice the size: index build {large['build_s'] / small['build_s']:.2f}x, "
        f"process RSS {large['rss_mb'] / small['rss_mb']:.2f}x (target <= 2.2x)"
    )


if __name__ == "__main__":
    main()
