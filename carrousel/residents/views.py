"""Consultant pages: the caseload, a resident's page with timeline, forms."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, json, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import col, select

from ..access import allow
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict, refused_edit
from ..models import (
    AbcMeasurement,
    AbcMeasurementCreate,
    Placement,
    Resident,
    ResidentCreate,
    ResidentEvent,
    ResidentShare,
    ResidentUpdate,
    User,
)
from ..paging import page_from_request
from ..parsing import parse_int
from ..validation import InvalidInput, validate
from . import bp, operations
from .operations import TIMELINE_ORDER
from .queries import CaseloadFilter, list_caseload, places_of

LISTS = ("needs",)
TEXT_LISTS = ("wished_occupations", "wished_sectors")
NULLABLE: tuple[str, ...] = (
    "route",
    "snel_months",
    "ladder_now",
    "ladder_target",
    "ontheffing_until",
    "last_contact_on",
    "availability_confirmed_on",
)
REQUIRED = ("name", "birth_year", "postcode")
NULLABLE += ("birth_date", "hours_available")  # blank: not known
FILTER_KEYS = ("q", "route", "phase", "abc", "deadline", "ontheffing", "contact", "confirmed", "sort")


def _resident_form(keep_blank: bool) -> dict[str, Any]:
    data = form_to_dict(
        request.form,
        lists=LISTS,
        text_lists=TEXT_LISTS,
        # An emptied required field is refused, not silently kept at its old value.
        keep_blank=(*NULLABLE, *REQUIRED, "talents", "contact", "email") if keep_blank else (),
    )
    for key in NULLABLE:
        if data.get(key) == "":
            data[key] = None
    return data


def _form_of(resident: Resident) -> dict[str, Any]:
    """The edit form's values: the row, with the snel choice as its months under the terms in force."""
    return {
        **resident.model_dump(),
        "snel_months": operations.snel_months(operations.current_terms(get_session()), resident),
    }


@bp.route("/caseload")
@allow("consultant")
def index() -> Any:
    """The consultant's caseload with search, filters, sorting and paging."""
    session = get_session()
    page = page_from_request()
    raw = {k: v for k, v in request.args.items() if k in FILTER_KEYS and v}
    try:
        filters = validate(CaseloadFilter, {**raw, "limit": page.size, "offset": page.offset})
    except InvalidInput:  # a value the filter cannot take, or a number beyond the database integer
        flash("Een filter had een ongeldige waarde en is genegeerd.", "error")
        filters = CaseloadFilter(limit=page.size, offset=page.offset)
    rows, total = list_caseload(session, current_user, filters)
    operations.log_access(
        session, current_user, None, "caseload", f"{len(rows)} inwoners in lijst", resident_ids=[r.id for r in rows]
    )
    return render_template("residents/index.html", residents=rows, filters=filters, page=page.with_total(total))


@bp.route("/caseload/nieuw", methods=["GET", "POST"])
@allow("consultant")
def create() -> Any:
    """Record a new resident (intake)."""
    if request.method == "GET":
        return render_template("residents/form.html", form={}, errors={}, resident=None)
    data = _resident_form(keep_blank=False)
    try:
        resident = operations.create_resident(get_session(), data=validate(ResidentCreate, data), actor=current_user)
    except InvalidInput as exc:
        return render_template("residents/form.html", form=data, errors=exc.fields, resident=None), 422
    # Flash messages travel in the (signed, not encrypted) session cookie: the code, never the name.
    flash(f"De inwoner is vastgelegd met code {resident.code}.", "success")
    return redirect(url_for("residents.detail", resident_id=resident.id))


@bp.route("/caseload/<int:resident_id>")
@allow("consultant")
def detail(resident_id: int) -> Any:
    """The resident's page: facts, ABC history, timeline, hand-over, export and erasure."""
    resident = operations.get_resident(get_session(), resident_id, current_user)
    return detail_page(resident)


def resident_page(resident_id: int, status: int = 200, **forms: Any) -> tuple[str, int]:
    """The resident's page with one refused form (evaluatie, herbeoordeling, activiteit,
    overdragen, wissen) as ``{"errors": {...}, "values": {...}}``: re-rendered, never a bare page."""
    resident = operations.get_resident(get_session(), resident_id, current_user)
    return detail_page(resident, status, forms=forms)


def detail_page(resident: Resident, status: int = 200, **forms: Any) -> tuple[str, int]:
    """The resident page; `forms` re-renders one of its forms with what was typed and its errors."""
    session = get_session()
    measurements = session.exec(
        select(AbcMeasurement)
        .where(AbcMeasurement.resident_id == resident.id)
        .order_by(col(AbcMeasurement.measured_on).desc())
    ).all()
    events = session.exec(
        select(ResidentEvent).where(ResidentEvent.resident_id == resident.id).order_by(*TIMELINE_ORDER)
    ).all()
    context = {"errors": {}, "abc_form": {}, "case_errors": {}, "case_form": {}, "forms": {}, **forms}
    return render_template("residents/detail.html", **_page_context(resident, measurements, events), **context), status


def _page_context(resident: Resident, measurements: Any, events: Any) -> dict[str, Any]:
    """What the resident page shows besides the form: consultants, placement titles by id, places, shares."""
    session = get_session()
    users = {u.id: u for u in session.exec(select(User).where(User.role == "consultant")).all()}
    ids = {int(v) for e in events if e.kind == "werkplek" for v in (e.old_value, e.new_value) if v.isdigit()}
    titles = dict(session.exec(select(Placement.id, Placement.title).where(Placement.id.in_(ids))).all()) if ids else {}  # type: ignore[union-attr]
    shares = session.exec(select(ResidentShare.consultant_id).where(ResidentShare.resident_id == resident.id)).all()
    return {
        "resident": resident,
        "measurements": measurements,
        "events": events,
        "users": users,
        "placements": titles,
        "places": places_of(session, [resident.id]).get(resident.id, []),  # type: ignore[arg-type]
        "shared_with": [users[u] for u in shares if u in users],
    }


@bp.route("/caseload/<int:resident_id>/bewerken", methods=["GET", "POST"])
@allow("consultant")
def edit(resident_id: int) -> Any:
    """Change a resident; a reason goes with each switch on the timeline."""
    session = get_session()
    if request.method == "GET":
        resident = operations.get_resident(session, resident_id, current_user)
        return render_template("residents/form.html", form=_form_of(resident), errors={}, resident=resident)
    data = _resident_form(keep_blank=True)
    try:
        operations.update_resident(
            session, resident_id=resident_id, data=validate(ResidentUpdate, data), actor=current_user
        )
    except (InvalidInput, ApiError) as exc:
        errors, status = refused_edit(exc)
        session.rollback()  # keep what the user typed, against the newest version
        resident = operations.get_resident(session, resident_id, current_user)
        data["version"] = resident.version
        return render_template("residents/form.html", form=data, errors=errors, resident=resident), status
    flash("De gegevens zijn opgeslagen.", "success")
    return redirect(url_for("residents.detail", resident_id=resident_id))


@bp.route("/caseload/<int:resident_id>/abc", methods=["POST"])
@allow("consultant")
def record_abc(resident_id: int) -> Any:
    """Add an ABC measurement."""
    session = get_session()
    data = form_to_dict(request.form)
    try:
        operations.record_abc(
            session, resident_id=resident_id, data=validate(AbcMeasurementCreate, data), actor=current_user
        )
    except InvalidInput as exc:
        session.rollback()
        resident = operations.get_resident(session, resident_id, current_user)
        return detail_page(resident, 422, errors=exc.fields, abc_form=data)
    flash("De ABC-meting is vastgelegd.", "success")
    return redirect(url_for("residents.detail", resident_id=resident_id))


@bp.route("/caseload/<int:resident_id>/overdragen", methods=["POST"])
@allow("consultant")
def hand_over(resident_id: int) -> Any:
    """Hand the resident over to another consultant, or share them."""
    consultant_id = parse_int(request.form.get("consultant_id"), low=1)
    action = request.form.get("action", "overdragen")
    try:
        if consultant_id is None:
            raise InvalidInput({"consultant_id": "Kies een consulent."})
        if action == "delen":
            operations.share_with(get_session(), resident_id=resident_id, user_id=consultant_id, actor=current_user)
            flash("De inwoner is gedeeld.", "success")
            return redirect(url_for("residents.detail", resident_id=resident_id))
        operations.hand_over(
            get_session(),
            resident_id=resident_id,
            to_user_id=consultant_id,
            reason=request.form.get("reason", "").strip(),
            actor=current_user,
        )
    except InvalidInput as exc:
        get_session().rollback()
        return resident_page(resident_id, 422, overdragen={"errors": exc.fields, "values": request.form.to_dict()})
    flash("De inwoner is overgedragen.", "success")
    return redirect(url_for("residents.index"))


@bp.route("/caseload/<int:resident_id>/export")
@allow("consultant")
def export(resident_id: int) -> Any:
    """Download everything held on the resident as JSON (AVG inzage)."""
    document = operations.export_resident(get_session(), resident_id=resident_id, actor=current_user)
    return Response(
        json.dumps(document, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="inzage-{document["resident"]["code"]}.json"'},
    )


@bp.route("/caseload/<int:resident_id>/delen/<int:user_id>/intrekken", methods=["POST"])
@allow("consultant")
def unshare(resident_id: int, user_id: int) -> Any:
    """End a share (the own consultant only)."""
    operations.revoke_share(get_session(), resident_id=resident_id, user_id=user_id, actor=current_user)
    flash("Delen is ingetrokken.", "success")
    return redirect(url_for("residents.detail", resident_id=resident_id))
