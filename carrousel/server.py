"""Serving with gunicorn, the production server, also for `carrousel serve` and `demo`."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


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


def serve(app: Flask, *, host: str, port: int, workers: int = 2) -> None:
    # The engine's pool must not be shared with forked workers: drop it before forking.
    from .db import engine_of

    engine_of(app).dispose()
    _Gunicorn(app, {"bind": f"{host}:{port}", "workers": workers, "threads": 4, "accesslog": "-", "timeout": 60}).run()
