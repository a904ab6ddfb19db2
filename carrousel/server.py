"""Serving with gunicorn, the production server, also for `carrousel serve` and `demo`."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import time
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from sqlalchemy.exc import SQLAlchemyError

from .db import engine_of
from .matches.index import warm_index


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Flask, options: dict[str, Any]):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def prepare(app: Flask) -> float:
    """What a worker needs before it takes traffic, done once in the master: the matching index
    (the workers forked from here share it copy-on-write). Returns the seconds it took."""

    started = time.perf_counter()
    try:
        warm_index(app)
    except SQLAlchemyError as exc:  # no schema yet, say: the first ranking builds it in the background
        app.logger.warning("Matchingindex niet vooraf gebouwd: %s", str(exc).splitlines()[0])
    _release_freed_memory()
    # The engine's pool must not be shared with forked workers: drop it before forking.
    engine_of(app).dispose()
    return time.perf_counter() - started


def _release_freed_memory() -> None:
    """Hand the memory the build used and freed (database rows, profiles) back to the system, so
    that every forked worker does not start with the build's high-water mark (glibc only)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: the process reuses the memory instead
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def serve(app: Flask, *, host: str, port: int, workers: int = 2) -> None:
    prepare(app)
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": 4,
        "accesslog": "-",
        "timeout": 60,
        "preload_app": True,  # load (and so index) once in the master, then fork
    }
    _Gunicorn(app, options).run()
