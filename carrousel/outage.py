"""The database is away: every request answers 503 with Retry-After, never a traceback.

A PostgreSQL server that restarts or a network that drops, an SQLite file that cannot be
opened: the driver raises an OperationalError (or the pool gives up waiting). The answer is
the contract's 503 (JSON under /api/, a Dutch page elsewhere) with Retry-After. Nothing has
to restart when the database returns: the engine's pool drops dead connections (pre-ping on
PostgreSQL) and the next request connects afresh.

The page for it is rendered without the site's frame: the frame asks who is logged in,
which needs the very database that is away.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .errors import error_response, wants_json

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
MESSAGE = "De database is even niet bereikbaar. Probeer het over een halve minuut opnieuw."
# OperationalErrors that are a mistake in a query, not an unreachable database (SQLite words them so).
_NOT_AN_OUTAGE = ("no such table", "no such column", "syntax error")


def is_outage(exc: BaseException) -> bool:
    if isinstance(exc, PoolTimeout | InterfaceError):
        return True
    return isinstance(exc, OperationalError) and not any(text in str(exc.orig) for text in _NOT_AN_OUTAGE)


def unavailable_response() -> Any:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if wants_json():
        body = {"error": {"code": "database_unavailable", "message": MESSAGE, "fields": {}}}
        return jsonify(body), 503, headers
    return render_template("unavailable.html", message=MESSAGE), 503, headers


def init_app(app: Flask) -> None:
    def _database_away(exc: Exception) -> Any:
        if not is_outage(exc):
            app.logger.exception("Databasefout: %s", exc)
            return error_response(500)
        log.warning("Database niet bereikbaar: %s", exc)
        return unavailable_response()

    for error in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(error, _database_away)
