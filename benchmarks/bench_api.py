"""The API on PostgreSQL: synthetic seeding speed and the candidates call; prints its figures.

    python benchmarks/bench_api.py [--database postgresql+psycopg://postgres@127.0.0.1:5432/carrousel_bench]

The database named is dropped and created anew.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/carrousel_bench")
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--placements", type=int, default=2_000)
    parser.add_argument("--bulk", type=int, default=100_000, help="residents for the seeding-speed run")
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    fresh_database(args.database)
    app = create_app({"instance_path": tempfile.mkdtemp(), "app": {"database_url": args.database}})
    upgrade_schema(app)
    with app.app_context(), unit_of_work(app) as session:
        load_occupations(session)
        create_user(session, email="bench@test.nl", password=PASSWORD, role="consultant")
    quiet = lambda _message: None  # noqa: E731
    run_seed(app, residents=args.residents, placements=args.placements, random_seed=5, echo=quiet)

    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"email": "bench@test.nl", "password": PASSWORD}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    with app.app_context(), unit_of_work(app) as session:
        ids = list(session.execute(select(Placement.id).where(Placement.status == "open").limit(50)).scalars())
    start = time.perf_counter()
    first = client.get(f"/api/v1/placements/{ids[0]}/candidates?limit=20", headers=headers)
    cold_ms = (time.perf_counter() - start) * 1000
    assert first.status_code == 200, first.get_json()
    samples = []
    for i in range(args.calls):
        start = time.perf_counter()
        response = client.get(f"/api/v1/placements/{ids[i % len(ids)]}/candidates?limit=20", headers=headers)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    print(
        f"API GET /placements/{{id}}/candidates at {args.residents:,} residents on PostgreSQL (in-process client): "
        f"p50 {statistics.median(samples):.1f} ms, p95 {samples[int(0.95 * len(samples)) - 1]:.1f} ms "
        f"(target p50 <= 150 ms); first call, building the index: {cold_ms:.0f} ms"
    )

    start = time.perf_counter()
    run_seed(app, residents=args.bulk, placements=0, random_seed=6, echo=quiet)
    print(
        f"carrousel seed --synthetic-residents {args.bulk:,} on PostgreSQL: {time.perf_counter() - start:.1f} s "
        f"(target < 60 s)"
    )

    app.extensions.pop("carrousel.matching", None)  # as in a worker that just started
    start = time.perf_counter()
    assert client.get(f"/api/v1/placements/{ids[0]}/candidates?limit=20", headers=headers).status_code == 200
    cold_s = time.perf_counter() - start
    warm = []
    for i in range(20):
        start = time.perf_counter()
        client.get(f"/api/v1/placements/{ids[i % len(ids)]}/candidates?limit=20", headers=headers)
        warm.append((time.perf_counter() - start) * 1000)
    print(
        f"first candidates call at {args.residents + args.bulk:,} residents, index built from PostgreSQL: "
        f"{cold_s:.1f} s; then p50 {statistics.median(warm):.0f} ms"
    )


if __name__ == "__main__":
    main()
