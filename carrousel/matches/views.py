"""The 'Passende plekken' page: ranked places for a resident, why each ranks there, why others miss."""

from __future__ import annotations

from typing import Any, cast

from flask import render_template, request
from flask_login import current_user

from matching.vocabulary import PlacementType

from ..access import allow
from ..db import get_session
from ..parsing import parse_int
from . import bp, service
from .service import MatchQuery


@bp.route("/caseload/<int:resident_id>/plekken")
@allow("consultant")
def matches_page(resident_id: int) -> Any:
    """'Passende plekken': ranked places for a resident, why each ranks there, why others miss."""
    types = [t for t in request.args.getlist("type") if t]
    try:
        query = MatchQuery(
            limit=parse_int(request.args.get("limit"), low=1, high=200) or 20,
            type=cast(list[PlacementType], types) or None,  # checked by the model
            kansrijk=request.args.get("kansrijk") == "1",
        )
    except ValueError:
        query = MatchQuery()
    result = service.matches_for_resident(
        get_session(),
        resident_id=resident_id,
        actor=current_user,
        limit=query.limit,
        types=query.type,
        kansrijk_only=query.kansrijk,
    )
    return render_template("matches/resident.html", query=query, labels=service.EXCLUSION_LABELS, **result)
