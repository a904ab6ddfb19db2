"""Load test: 50 concurrent users on a local gunicorn, on SQLite and on PostgreSQL; prints the figures.

    python benchmarks/load.py [--databases sqlite,postgresql] [--users 50] [--requests 40] [--max-seconds 90]

For each database: a fresh one (SQLite in a temporary instance folder; PostgreSQL
`carrousel_load`, dropped and created anew) with the demo municipality plus synthetic
residents and placements, then `gunicorn -w 2 --threads 4` on 127.0.0.1. Every user logs in
first (pages: the login form and its session cookie; API: a bearer token), then all start
together and each makes at most --requests requests over the pages or API calls of its role,
stopping at --max-seconds. Printed: requests/s, p50/p95/p99 latency and the errors (any answer
other than 200, or no answer), per database.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests
from sqlalchemy.engine import make_url
from sqlmodel import select

from carrousel import create_app
from carrousel.db import engine_of, unit_of_work, upgrade_schema
from carrousel.models import Placement, Resident, User
from carrousel.seeding import DEMO_USERS, run_seed

PASSWORD = "demo-werkcarrousel"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/carrousel_load"
# (kind, role, how many of the users): pages use the session cookie, "api" a bearer token.
MIX = [("pages", "consultant", 14), ("pages", "adviser", 9), ("pages", "employer", 9), ("api", "consultant", 6)]
MIX += [("api", "adviser", 6), ("api", "employer", 6)]


def urls(kind: str, role: str, ids: dict[str, int]) -> list[str]:
    """What a user of this role does on a working day, in order."""
    r, p, own = ids["resident"], ids["placement"], ids["own_placement"]
    pages = {
        "consultant": [
            "/",
            "/caseload",
            "/caseload?q=a&sort=deadline",
            f"/caseload/{r}",
            f"/caseload/{r}/plekken",
            "/werkplekken",
            f"/werkplekken/{p}/kandidaten",
        ],
        "adviser": [
            "/",
            "/organisaties",
            "/organisaties?status=pending",
            "/werkplekken",
            f"/werkplekken/{p}",
            f"/werkplekken/{p}/kandidaten",
            "/doelen",
        ],
        "employer": ["/", "/werkplekken", f"/werkplekken/{own}", f"/werkplekken/{own}/kandidaten"],
    }
    api = {
        "consultant": [
            "/api/v1/residents?limit=25",
            f"/api/v1/residents/{r}",
            f"/api/v1/residents/{r}/matches",
            "/api/v1/placements?limit=25",
        ],
        "adviser": [
            "/api/v1/organisations",
            "/api/v1/placements?status=open",
            f"/api/v1/placements/{p}/candidates",
            "/api/v1/goals",
        ],
        "employer": ["/api/v1/placements", f"/api/v1/placements/{own}", f"/api/v1/placements/{own}/candidates"],
    }
    return (pages if kind == "pages" else api)[role]


@dataclass
class Results:
    latencies_ms: list[float] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            self.by_path.setdefault(path.split("?")[0], []).append(ms)
            if error:
                self.errors[error] += 1


def prepare(database: str, folder: Path, residents: int, placements: int) -> tuple[Path, dict[str, int]]:
    """A fresh database with the demo and synthetic data; the config file for gunicorn and the ids to visit."""
    url = POSTGRES if database == "postgresql" else f"sqlite:///{folder / 'load.sqlite'}"
    if database == "postgresql":
        parsed = make_url(url)
        with psycopg.connect(f"host={parsed.host} port={parsed.port} user={parsed.username} dbname=postgres") as c:
            c.autocommit = True
            c.execute('DROP DATABASE IF EXISTS "carrousel_load"')
            c.execute('CREATE DATABASE "carrousel_load"')
    config = folder / "load.toml"
    config.write_text(
        f'[app]\ndatabase_url = "{url}"\nsecure_cookies = false\nsecret_key = "load-test"\n'
        # Logins are not what is measured: a light hash keeps 50 of them from dominating the run.
        "[security]\nargon2_time_cost = 1\nargon2_memory_kib = 8192\nmfa_required_roles = []\n"
        "max_failures_per_address = 1000\n",
        encoding="utf-8",
    )
    os.environ["CARROUSEL_CONFIG"] = str(config)
    app = create_app({"instance_path": str(folder)})
    upgrade_schema(app)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):  # no progress bars
        run_seed(app, demo=True, residents=residents, placements=placements, random_seed=11, echo=lambda _m: None)
    with app.app_context(), unit_of_work(app) as session:
        consultant = session.exec(select(User).where(User.email == DEMO_USERS[0][1])).one()
        employer = session.exec(select(User).where(User.role == "employer")).first()
        assert employer is not None
        resident = session.exec(select(Resident.id).where(Resident.consultant_id == consultant.id)).first()
        placement = session.exec(select(Placement.id).where(Placement.status == "open")).first()
        own = session.exec(
            select(Placement.id).where(
                Placement.organisation_id == employer.organisation_id, Placement.status == "open"
            )
        ).first()
        assert resident and placement and own, "the demo has no resident or open placement to visit"
    engine_of(app).dispose()
    return config, {"resident": resident, "placement": placement, "own_placement": own}


def start_server(config: Path, folder: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CARROUSEL_CONFIG": str(config), "CARROUSEL_INSTANCE_PATH": str(folder)}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-w", str(workers), "--threads", "4", "-b", f"127.0.0.1:{port}", "--timeout", "60"]
    server = subprocess.Popen([*command, "carrousel:create_app()"], env=env, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            if requests.get(f"http://127.0.0.1:{port}/gezondheid", timeout=1).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def log_in(base: str, kind: str, role: str) -> requests.Session:
    email = next(email for r, email, _ in DEMO_USERS if r == role)
    session = requests.Session()
    if kind == "api":
        answer = session.post(f"{base}/api/v1/auth/token", json={"email": email, "password": PASSWORD}, timeout=30)
        answer.raise_for_status()
        session.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        return session
    form = session.get(f"{base}/inloggen", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, "no CSRF token on the login page"
    answer = session.post(
        f"{base}/inloggen",
        data={"csrf_token": token.group(1), "email": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, f"login as {role} answered {answer.status_code}"
    return session


def user(
    base: str,
    session: requests.Session,
    paths: list[str],
    count: int,
    start: threading.Barrier,
    deadline: list[float],
    results: Results,
) -> None:
    start.wait()
    for n in range(count):
        if time.perf_counter() > deadline[0]:
            return
        path = paths[n % len(paths)]
        began = time.perf_counter()
        try:
            answer = session.get(base + path, timeout=30, allow_redirects=False)
            error = None if answer.status_code == 200 else f"{answer.status_code} {path}"
        except requests.RequestException as exc:
            error = type(exc).__name__
        results.add(path, (time.perf_counter() - began) * 1000, error)


def percentile(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(share * len(sorted_ms)))]


def run(database: str, args: Any) -> None:
    with tempfile.TemporaryDirectory(prefix=f"carrousel-load-{database}-") as tmp:
        folder = Path(tmp)
        config, ids = prepare(database, folder, args.residents, args.placements)
        server = start_server(config, folder, args.port, args.workers)
        base = f"http://127.0.0.1:{args.port}"
        try:
            plan = [(kind, role) for kind, role, n in MIX for _ in range(n)][: args.users]
            sessions = [(log_in(base, kind, role), urls(kind, role, ids)) for kind, role in plan]
            for session, paths in sessions[:: max(1, len(sessions) // 6)]:  # warm both workers' matching index
                session.get(base + paths[-1], timeout=60)
            results = Results()
            barrier = threading.Barrier(len(sessions) + 1)
            deadline = [float("inf")]
            threads = [
                threading.Thread(target=user, args=(base, s, p, args.requests, barrier, deadline, results))
                for s, p in sessions
            ]
            for thread in threads:
                thread.start()
            deadline[0] = time.perf_counter() + args.max_seconds
            began = time.perf_counter()
            barrier.wait()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
    ms = sorted(results.latencies_ms)
    errors = sum(results.errors.values())
    print(
        f"{database:<10} {len(sessions)} users, {len(ms)} requests in {seconds:.1f} s: "
        f"{len(ms) / seconds:.0f} requests/s; p50 {statistics.median(ms):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms, "
        f"p99 {percentile(ms, 0.99):.0f} ms; errors {errors}"
        + (f" ({dict(results.errors.most_common(5))})" if errors else "")
    )
    slowest = sorted(((statistics.median(v), k) for k, v in results.by_path.items()), reverse=True)[:4]
    print("           slowest p50: " + ", ".join(f"{path} {p50:.0f} ms" for p50, path in slowest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="at most this many per user")
    parser.add_argument("--max-seconds", type=float, default=90)
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--placements", type=int, default=300)
    parser.add_argument("--port", type=int, default=5113)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(
        f"load: {args.users} concurrent users (pages and API of consultant, adviser, employer), at most "
        f"{args.requests} requests each or {args.max_seconds:.0f} s; gunicorn -w {args.workers} --threads 4 on "
        f"127.0.0.1; demo + {args.residents:,} residents, {args.placements:,} placements"
    )
    for database in args.databases.split(","):
        run(database.strip(), args)


if __name__ == "__main__":
    main()
