"""Operations: the database goes away and comes back; the application answers 503, then serves.

On PostgreSQL the application talks to the test database through a small TCP gate that the
test closes (connection refused, live connections cut) and opens again; on SQLite the file is
moved away (a directory stands in its place, so it cannot be opened) and put back. No restart.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.engine import make_url

from carrousel import create_app
from carrousel.db import engine_of, upgrade_schema
from tests.conftest import Client


class Gate:
    """A TCP forwarder to the database that can be shut (refusing) and opened again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.listener: socket.socket | None = None
        self.live: list[socket.socket] = []

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def shut(self) -> None:
        if self.listener is not None:
            # shutdown wakes the thread blocked in accept(); close() alone would leave it listening
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        for conn in self.live:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self.live.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.live += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for conn in (source, sink):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


def _app(url: str, tmp_path: Path) -> Flask:
    other = create_app(
        {
            "testing": True,
            "instance_path": str(tmp_path / "instance"),
            "app": {"database_url": url, "secure_cookies": False, "secret_key": "test-secret"},
            "security": {"argon2_time_cost": 1, "argon2_memory_kib": 1024, "mfa_required_roles": []},
        }
    )
    other.test_client_class = Client
    return other


@pytest.fixture
def outage(app: Flask, tmp_path: Path) -> Iterator[tuple[Flask, Any, Any]]:
    """An application on the test database's kind, and two callables: take the database away, bring it back."""
    url = engine_of(app).url
    if url.get_backend_name() == "postgresql":
        gate = Gate((url.host or "127.0.0.1", url.port or 5432))
        gate.open()
        other = _app(url.set(host="127.0.0.1", port=gate.port).render_as_string(hide_password=False), tmp_path)
        yield other, gate.shut, gate.open
        gate.shut()
    else:
        path = tmp_path / "outage.sqlite"
        other = _app(f"sqlite:///{path}", tmp_path)
        upgrade_schema(other)

        def away() -> None:
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{path}{suffix}").exists():
                    shutil.move(f"{path}{suffix}", f"{path}{suffix}.away")
            path.mkdir()  # nothing can open a directory as a database
            engine_of(other).dispose()  # the process's open handles died with the disk

        def back() -> None:
            path.rmdir()
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{path}{suffix}.away").exists():
                    shutil.move(f"{path}{suffix}.away", f"{path}{suffix}")

        yield other, away, back
    engine_of(other).dispose()


def _answers(client: Client) -> dict[str, Any]:
    return {
        "page": client.get("/plekken"),
        "login": client.submit("/inloggen", {"email": "a@test.nl", "password": "x"}),
        "api": client.post("/api/v1/auth/token", json={"email": "a@test.nl", "password": "xxxxxxxxxx"}),
    }


def test_an_unreachable_database_is_a_503_and_service_returns_without_a_restart(
    outage: tuple[Flask, Any, Any],
) -> None:
    other, away, back = outage
    client = other.test_client()
    before = _answers(client)
    assert before["page"].status_code == 200 and before["api"].status_code == 401

    away()
    during = _answers(client)
    for name, answer in during.items():
        assert answer.status_code == 503, (name, answer.get_data(as_text=True)[:300])
        assert int(answer.headers["Retry-After"]) > 0
        assert "Traceback" not in answer.get_data(as_text=True)
    assert during["api"].get_json()["error"]["code"] == "database_unavailable"
    assert "niet bereikbaar" in during["page"].get_data(as_text=True)
    assert during["page"].mimetype == "text/html"

    back()
    after = _answers(client)
    assert after["page"].status_code == 200 and after["api"].status_code == 401


def test_a_database_on_a_closed_port_is_a_503_from_the_start(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = make_url(f"postgresql+psycopg://postgres@127.0.0.1:{port}/carrousel")
    other = _app(url.render_as_string(hide_password=False), tmp_path)
    client = other.test_client()
    for name, answer in _answers(client).items():
        assert answer.status_code == 503 and "Retry-After" in answer.headers, name
    engine_of(other).dispose()
