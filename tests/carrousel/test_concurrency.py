"""Two workers writing at once: no 'database is locked', no lost update, on SQLite as on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask

from carrousel.auth.account import Account
from tests.conftest import bearer


def test_parallel_writers_all_succeed(
    app: Flask, make_user: Callable[..., Account], make_resident: Callable[..., int], token_for: Callable[..., str]
) -> None:
    consultants = [make_user("consultant") for _ in range(3)]
    work = [(token_for(c), make_resident(c)) for c in consultants]
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(token: str, resident: int) -> None:
        client = app.test_client()
        for hours in range(1, 16):
            # A view (which writes an access-log row) and a change, interleaved with the others.
            seen = client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).status_code
            changed = client.patch(
                f"/api/v1/residents/{resident}", headers=bearer(token), json={"hours_available": hours}
            ).status_code
            with lock:
                statuses.extend((seen, changed))

    threads = [threading.Thread(target=writer, args=pair) for pair in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses.count(200) == len(statuses) == 3 * 15 * 2
    client = app.test_client()
    for token, resident in work:
        body = client.get(f"/api/v1/residents/{resident}", headers=bearer(token)).get_json()
        assert body["hours_available"] == 15 and body["version"] == 16
