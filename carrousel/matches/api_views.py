"""JSON API of matching: the ranked placements for a resident (CONTRACT.md *Matching*)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user

from ..access import allow
from ..api.frame import documented, query_args
from ..db import get_session
from . import api, service
from .service import MatchQuery


def public(result: dict[str, Any], drop: str) -> dict[str, Any]:
    """The result without the ORM row the page needs (the resident or the placement)."""
    return {k: v for k, v in result.items() if k != drop}


@api.route("/residents/<int:resident_id>/matches")
@allow("consultant")
@documented(summary="Passende plekken voor een inwoner", query=MatchQuery)
@query_args(MatchQuery, multi=("type",))
def matches_api(resident_id: int, query: MatchQuery) -> Any:
    """Ranked placements for a resident of the caller's caseload, with reasons and exclusions."""
    result = service.matches_for_resident(
        get_session(),
        resident_id=resident_id,
        actor=current_user,
        limit=query.limit,
        types=query.type,
        kansrijk_only=query.kansrijk,
    )
    return jsonify(public(result, "resident"))
