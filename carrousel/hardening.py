"""Request-level guards: what no view should have to check for itself.

- ids in URLs: an `<int:...>` beyond the database integer is no URL of ours (404), not a
  driver overflow (500);
- JSON: nesting deep enough to exhaust the parser's recursion is a bad request (400);
- query strings and forms: a NUL byte (PostgreSQL refuses it in text) or a lone surrogate is
  refused with 422 naming the parameter, before any view runs a query with it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter

from .errors import error_response
from .parsing import DB_INT_MAX
from .validation import UNSTORABLE_TEXT, has_unstorable


class DatabaseIntConverter(IntegerConverter):
    """`<int:id>` that matches only what an `integer` column can hold."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


class GuardedJSONProvider(DefaultJSONProvider):
    """json.loads that turns a RecursionError (JSON nested ~1000 deep) into the ValueError Flask answers 400."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON is te diep genest.") from None


def install_guards(app: Flask) -> None:
    """Install the guards; call before the areas register their URLs (the converter applies at registration)."""
    app.url_map.converters["int"] = DatabaseIntConverter
    app.json = GuardedJSONProvider(app)
    app.json.sort_keys = False

    @app.before_request
    def _refuse_unstorable_text() -> Any:
        bad = {
            key: UNSTORABLE_TEXT
            for source in (request.args, request.form)
            for key, values in source.lists()
            if has_unstorable(key) or any(has_unstorable(v) for v in values)
        }
        if bad:
            return error_response(422, fields=bad)
        return None
