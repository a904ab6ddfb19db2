"""Fuzz the JSON API with schemathesis, in-process against the WSGI app, as every role.

Every operation of /api/v1/openapi.json gets EXAMPLES generated requests per role (a fresh
bearer token each, so that fuzzing DELETE /auth/token cannot log a role out for the rest),
on a scratch database with the demo municipality. Any answer >= 500 is a failure: the run
prints each one and exits 1. Usage: python .ci/fuzz_api.py [EXAMPLES] (default 12; CI runs 20, about 1,500 requests).
On SQLite in a temporary folder, or on CARROUSEL_FUZZ_DATABASE_URL, a PostgreSQL database
it may wipe (NUL bytes and integer overflows show only there).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode
from sqlalchemy import text

from carrousel import create_app
from carrousel.access import PUBLIC, roles_for
from carrousel.db import engine_of, upgrade_schema
from carrousel.seeding import DEMO_USERS, run_seed

ROLES = ("consultant", "adviser", "employer", "location", "admin", None)  # None: no token at all
PASSWORD = "demo-werkcarrousel"
REFUSED_EXAMPLES = 3


def build_app(folder: Path, database_url: str) -> Any:
    app = create_app(
        {
            "testing": True,
            "instance_path": str(folder),
            "app": {"database_url": database_url or f"sqlite:///{folder / 'fuzz.sqlite'}", "secure_cookies": False},
            "security": {
                "argon2_time_cost": 1,
                "argon2_memory_kib": 1024,
                # The fuzzer sends thousands of wrong logins from one address; throttling is tested elsewhere.
                "max_failures_per_account": 10**9,
                "max_failures_per_address": 10**9,
                "mfa_required_roles": [],  # as `carrousel demo`: tokens without a second factor
            },
        }
    )
    engine = engine_of(app)
    if engine.dialect.name == "postgresql":  # a database the caller gave us to wipe, as the test suite does
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade_schema(app)
    run_seed(app, demo=True, echo=lambda _message: None)
    return app


def fuzz_operation(
    operation: Any,
    role: str | None,
    headers: dict[str, str],
    examples: int,
    statuses: Counter[int],
    failures: list[str],
) -> None:
    """Generated requests, valid and invalid, for one operation as one role; any 5xx is recorded."""

    @given(case=st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in GenerationMode)))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests every run: a failure in CI reproduces
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: Any) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{role or 'anoniem'}: {case.method} {case.formatted_path} -> {response.status_code}")

    fuzz()


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    emails = {role: email for role, email, _ in reversed(DEMO_USERS)}  # the first account of each role
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="carrousel-fuzz-") as folder:
        app = build_app(Path(folder), os.environ.get("CARROUSEL_FUZZ_DATABASE_URL", ""))
        client = app.test_client()

        def token(role: str | None) -> dict[str, str]:
            if role is None:
                return {}
            answer = client.post("/api/v1/auth/token", json={"email": emails[role], "password": PASSWORD})
            assert answer.status_code == 201, answer.get_json()
            return {"Authorization": f"Bearer {answer.get_json()['token']}"}

        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        statuses: Counter[int] = Counter()
        failures: list[str] = []
        operations = [result.ok() for result in schema.get_all_operations()]
        adapter = app.url_map.bind("localhost")
        for operation in operations:
            url = re.sub(r"\{[^}]+\}", "1", operation.full_path)
            endpoint, _ = adapter.match(url, method=operation.method.upper())
            allowed = roles_for(app, endpoint)
            for role in ROLES:
                # The roles the endpoint serves get the full share; the others only prove they are refused.
                share = examples if allowed == PUBLIC or role in (allowed or ()) else REFUSED_EXAMPLES
                fuzz_operation(operation, role, token(role), share, statuses, failures)
        total = sum(statuses.values())
        seconds = time.perf_counter() - started
        print(
            f"schemathesis: {total} requests over {len(operations)} operations x {len(ROLES)} roles "
            f"in {seconds:.0f} s; statuses {dict(sorted(statuses.items()))}; {len(failures)} answers >= 500"
        )
        for failure in sorted(set(failures)):
            print("  500:", failure)
    return 1 if failures or total < 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
