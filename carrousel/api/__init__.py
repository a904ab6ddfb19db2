"""The JSON API's own routes: its OpenAPI document."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify

from ..access import public
from .openapi import build_spec

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.route("/openapi.json")
@public
def openapi() -> Any:
    """The OpenAPI 3 document of this API."""
    spec = current_app.extensions.get("carrousel.openapi")
    if spec is None:
        spec = current_app.extensions["carrousel.openapi"] = build_spec(current_app)
    return jsonify(spec)
