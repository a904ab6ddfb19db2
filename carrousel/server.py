"""Serving with gunicorn, the production server, also for `carrousel serve` and `demo`."""

from __future__ import annotations

import time
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from sqlalchemy.exc import SQLAlchemyError


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
    from .db import engine_of
    from .matches.index import warm_index

    started = time.perf_counter()
    try:
        warm_index(app)
    except SQLAlchemyError as exc:  # no schema yet, say: the first ranking builds it in the background
        app.logger.warning("Matchingindex niet vooraf gebouwd: %s", str(exc).splitlines()[0])
    # The engine's pool must not be shared with forked workers: drop it before forking.
    engine_of(app).dispose()
    return time.perf_counter() - started


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
