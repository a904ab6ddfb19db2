"""Matching pages and API: 'Passende plekken' for a resident (the 'Kandidaten' of a placement
are in `proposals`, since an organisation sees only who was proposed to it)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask

from ..errors import error_response
from .index import RETRY_AFTER_SECONDS, IndexNotReady

bp = Blueprint("matches", __name__)
api = Blueprint("matches_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.register_error_handler(IndexNotReady, _not_ready)


def _not_ready(_exc: IndexNotReady) -> Any:
    body, status = error_response(503, "De matching wordt voorbereid. Probeer het over enkele seconden opnieuw.")
    return body, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
