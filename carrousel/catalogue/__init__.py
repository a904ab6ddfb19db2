"""The public catalogue /plekken: open activerend-werk and volunteer places, no login."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from flask import Blueprint, Flask, current_app, render_template, request
from pydantic_core import PydanticCustomError
from sqlalchemy import or_
from sqlmodel import select

from matching.geo import distances_km
from matching.vocabulary import CATALOGUE_TYPES

from ..access import public
from ..db import get_session
from ..geo import centroids
from ..models import Organisation, Placement
from ..models.base import normalise_postcode
from ..paging import page_from_request
from ..parsing import parse_int

bp = Blueprint("catalogue", __name__)


def register(app: Flask) -> None:
    app.register_blueprint(bp)


def _int_arg(name: str) -> int | None:
    return parse_int(request.args.get(name))


@bp.route("/plekken")
@public
def index() -> Any:
    """Open places for residents to browse: sector, distance from a postcode, hours."""
    errors: dict[str, str] = {}
    sector = request.args.get("sector", "").strip()
    hours, max_km = _int_arg("uren"), _int_arg("afstand")
    postcode = request.args.get("postcode", "").strip()
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except PydanticCustomError as exc:
            errors["postcode"] = exc.message()
            postcode = ""
    query = (
        select(Placement, Organisation)
        .join(Organisation, Organisation.id == Placement.organisation_id)  # type: ignore[arg-type]
        .where(
            Placement.status == "open",
            Organisation.status == "approved",
            Placement.type.in_(CATALOGUE_TYPES),  # type: ignore[attr-defined]
            or_(Placement.end_date.is_(None), Placement.end_date >= date.today()),
        )  # type: ignore[union-attr, operator]
    )
    if sector:
        query = query.where(Organisation.sector == sector)
    if hours is not None:
        query = query.where(Placement.min_hours <= hours)
    rows = list(get_session().exec(query.order_by(Placement.title)).all())
    areas = centroids(current_app)
    distance: dict[int, float | None] = {}
    if postcode and rows:
        origin = _point(areas, postcode)
        points = np.array([_point(areas, p.postcode) for p, _ in rows])
        km = distances_km(origin[0], origin[1], points[:, 0], points[:, 1])
        distance = {p.id: (None if np.isnan(d) else float(d)) for (p, _), d in zip(rows, km, strict=True)}
        if max_km is not None:
            rows = [r for r in rows if distance[r[0].id] is None or distance[r[0].id] <= max_km]  # type: ignore[operator]
        rows.sort(key=lambda r: (distance[r[0].id] is None, distance[r[0].id] or 0.0))
    sectors = sorted(
        {s for s in get_session().exec(select(Organisation.sector).where(Organisation.status == "approved")).all() if s}
    )
    page = page_from_request().with_total(len(rows))
    return render_template(
        "catalogue/index.html",
        rows=rows[page.offset : page.offset + page.size],
        page=page,
        distance=distance,
        sectors=sectors,
        errors=errors,
        places={p.id: areas.get(p.postcode[:4], (0, 0, ""))[2] for p, _ in rows},
        args={"sector": sector, "uren": hours or "", "afstand": max_km or "", "postcode": postcode},
    )


def _point(areas: Any, postcode: str) -> tuple[float, float]:
    found = areas.get(postcode[:4])
    return (found[0], found[1]) if found else (float("nan"), float("nan"))
