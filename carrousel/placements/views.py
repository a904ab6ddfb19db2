"""Pages for placements: the list, posting, the placement page with its edit form."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from ..access import allow
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict, refused_edit
from ..geo import place_name
from ..guards import is_organisation_user
from ..models import Organisation, PlacementCreate, PlacementUpdate, User
from ..paging import page_from_request
from ..validation import InvalidInput, validate
from . import bp, operations
from .api_views import EDITORS, READERS
from .queries import PlacementFilter, is_expired, list_placements

LISTS = ("routes", "supports")
TEXT_LISTS = ("skills",)
FILTER_KEYS = ("type", "route", "phase", "status", "organisation_id", "q", "sort")


def _organisations() -> list[Organisation]:
    if is_organisation_user(current_user):
        return []
    return list(
        get_session()
        .exec(select(Organisation).where(Organisation.status != "rejected").order_by(Organisation.name))
        .all()
    )


@bp.route("/werkplekken")
@allow(*READERS)
def index() -> Any:
    """Placements with filters, sorting and paging."""
    page = page_from_request()
    raw = {k: v for k, v in request.args.items() if k in FILTER_KEYS and v}
    try:
        filters = validate(PlacementFilter, {**raw, "limit": page.size, "offset": page.offset})
    except InvalidInput:  # a value the filter cannot take, or a number beyond the database integer
        flash("Een filter had een ongeldige waarde en is genegeerd.", "error")
        filters = PlacementFilter(limit=page.size, offset=page.offset)
    rows, total = list_placements(get_session(), current_user, filters)
    return render_template(
        "placements/index.html",
        rows=rows,
        filters=filters,
        page=page.with_total(total),
        is_expired=is_expired,
        can_post=current_user.role in EDITORS,
    )


@bp.route("/werkplekken/nieuw", methods=["GET", "POST"])
@allow(*EDITORS)
def create() -> Any:
    """Post a placement (an adviser chooses the organisation)."""
    if request.method == "GET":
        form = {"organisation_id": request.args.get("organisation_id", ""), "status": "draft"}
        return render_template(
            "placements/form.html",
            form=form,
            errors={},
            placement=None,
            organisations=_organisations(),
            defaults=_defaults(),
        )
    data = form_to_dict(request.form, lists=LISTS, text_lists=TEXT_LISTS)
    if not data.get("routes"):
        data.pop("routes")  # none ticked: the type's defaults apply
    try:
        placement = operations.create_placement(get_session(), data=validate(PlacementCreate, data), actor=current_user)
    except InvalidInput as exc:
        return render_template(
            "placements/form.html",
            form=data,
            errors=exc.fields,
            placement=None,
            organisations=_organisations(),
            defaults=_defaults(),
        ), 422
    flash(f"Werkplek ‘{placement.title}’ is opgeslagen.", "success")
    return redirect(url_for("placements.detail", placement_id=placement.id))


@bp.route("/werkplekken/<int:placement_id>")
@allow(*READERS)
def detail(placement_id: int) -> Any:
    """One placement; editors also get the edit form."""
    session = get_session()
    placement = operations.get_placement(session, placement_id, current_user)
    organisation = session.get(Organisation, placement.organisation_id)
    poster = session.get(User, placement.posted_by_id) if placement.posted_by_id else None
    return render_template(
        "placements/detail.html",
        placement=placement,
        organisation=organisation,
        posted_by=poster.name or poster.email if poster else None,
        place=place_name(current_app, placement.postcode),
        expired=is_expired(placement),
        form=placement.model_dump(),
        errors={},
        can_edit=current_user.role in EDITORS,
        defaults=_defaults(),
    )


@bp.route("/werkplekken/<int:placement_id>", methods=["POST"])
@allow(*EDITORS)
def update(placement_id: int) -> Any:
    """Save changes; a change made meanwhile by someone else is reported, not overwritten."""
    session = get_session()
    data = form_to_dict(
        request.form,
        lists=LISTS,
        text_lists=TEXT_LISTS,
        keep_blank=("start_date", "end_date", "description", "occupation"),
    )
    for key in ("start_date", "end_date"):
        if data.get(key) == "":
            data[key] = None
    try:
        operations.update_placement(
            session, placement_id=placement_id, data=validate(PlacementUpdate, data), actor=current_user
        )
    except (InvalidInput, ApiError) as exc:
        errors, status = refused_edit(exc)
        session.rollback()  # keep what the user typed, against the newest version
        placement = operations.get_placement(session, placement_id, current_user)
        data["version"] = placement.version
        organisation = session.get(Organisation, placement.organisation_id)
        return render_template(
            "placements/detail.html",
            placement=placement,
            organisation=organisation,
            place=place_name(current_app, placement.postcode),
            expired=is_expired(placement),
            form=data,
            errors=errors,
            can_edit=True,
            defaults=_defaults(),
        ), status
    flash("De werkplek is bijgewerkt.", "success")
    return redirect(url_for("placements.detail", placement_id=placement_id))


def _defaults() -> dict[str, Any]:
    defaults: dict[str, Any] = current_app.config["CARROUSEL"]["placements"]["defaults"]
    return defaults
