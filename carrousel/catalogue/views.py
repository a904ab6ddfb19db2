"""Pages of the catalogue: the list, a place with its interest form, the organisation's inbox."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allow, public
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict
from ..geo import centroids, place_name
from ..models import InterestCreate
from ..models.interest import CONSENT_TEXT
from ..paging import page_from_request
from ..validation import InvalidInput, validate
from . import bp, operations
from .queries import catalogue_place, catalogue_rows, catalogue_sectors, interest_inbox
from .search import apply_distance, parse_search

INTEREST_FIELDS = ("name", "contact", "message", "consent")


@bp.route("/plekken")
@public
def index() -> Any:
    """Open places for residents to browse: sector, distance from a postcode, hours."""
    session = get_session()
    search = parse_search(request.args)
    rows = catalogue_rows(session, sector=search.sector, hours=search.hours, today=date.today())
    areas = centroids(current_app)
    rows, distance = apply_distance(rows, search, areas)
    page = page_from_request().with_total(len(rows))
    html = render_template(
        "catalogue/index.html",
        rows=rows[page.offset : page.offset + page.size],
        page=page,
        distance=distance,
        sectors=catalogue_sectors(session),
        search=search,
        places={p.id: areas.get(p.postcode[:4], (0, 0, ""))[2] for p, _ in rows},
    )
    return html, 422 if search.errors else 200


@bp.route("/plekken/<int:placement_id>")
@public
def place(placement_id: int) -> Any:
    """One place: what the work is, and how to show interest."""
    return _place_page(placement_id, form={}, errors={})


@bp.route("/plekken/<int:placement_id>", methods=["POST"])
@public
def send_interest(placement_id: int) -> Any:
    """A visitor's interest, passed to the place's organisation."""
    data = form_to_dict(request.form)
    if data.pop("website", ""):  # a field people do not see: only robots fill it in
        return redirect(url_for("catalogue.place", placement_id=placement_id, verstuurd=1))
    form = {k: v for k, v in data.items() if k in INTEREST_FIELDS}
    form["consent"] = form.get("consent") == "1"
    settings = current_app.config["CARROUSEL"]
    try:
        operations.send_interest(
            get_session(),
            placement_id=placement_id,
            data=validate(InterestCreate, form),
            sender=operations.sender_key(settings["app"]["secret_key"], request.remote_addr or "onbekend"),
            per_hour=int(settings["catalogue"]["interest_per_hour"]),
            today=date.today(),
        )
    except InvalidInput as exc:
        return _place_page(placement_id, form=form, errors=exc.fields, status=422)
    except ApiError as exc:
        if exc.status != 429:
            raise
        return _place_page(placement_id, form=form, errors={}, refused=exc.message, status=429)
    return redirect(url_for("catalogue.place", placement_id=placement_id, verstuurd=1))


def _place_page(
    placement_id: int, *, form: dict[str, Any], errors: dict[str, str], refused: str = "", status: int = 200
) -> Any:
    found = catalogue_place(get_session(), placement_id, date.today())
    if found is None:
        abort(404)
    (placement, organisation), free = found
    html = render_template(
        "catalogue/place.html",
        p=placement,
        org=organisation,
        free=free,
        place=place_name(current_app, placement.postcode),
        form=form,
        errors=errors,
        refused=refused,
        sent=request.method == "GET" and request.args.get("verstuurd") == "1",
        consent_text=CONSENT_TEXT,
    )
    return html, status


@bp.route("/interesse")
@allow("employer", "location")
def inbox() -> Any:
    """The interest messages visitors of the catalogue sent to the own organisation."""
    return render_template("catalogue/inbox.html", messages=interest_inbox(get_session(), current_user))


@bp.route("/interesse/<int:message_id>/verwijderen", methods=["POST"])
@allow("employer", "location")
def remove_interest(message_id: int) -> Any:
    """The message is handled: remove it and the visitor's details with it."""
    operations.remove_interest(get_session(), message_id=message_id, actor=current_user)
    flash("Het bericht is verwijderd.", "success")
    return redirect(url_for("catalogue.inbox"))
