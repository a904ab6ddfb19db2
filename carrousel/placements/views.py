"""Pages for placements: the list, posting, the placement page with its edit form."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from matching import vocabulary as vocab

from ..access import allow
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict, refused_edit
from ..geo import place_name
from ..guards import is_organisation_user
from ..models import Organisation, Placement, PlacementCreate, PlacementUpdate, User
from ..paging import page_from_request
from ..parsing import parse_int
from ..validation import InvalidInput, validate
from . import bp, operations, plain
from .api_views import EDITORS, READERS
from .fit import PAID_ONLY_SUPPORTS, TYPES_BY_KIND, supports_for, types_for
from .lock import active_proposals
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
    """Post a placement (an adviser chooses the organisation); saved as a draft or published."""
    if request.method == "GET":
        form: dict[str, Any] = {"organisation_id": request.args.get("organisation_id", "")}
        organisation = _organisation_of(form["organisation_id"])
        if organisation is not None:  # what the organisation has, until the poster says otherwise
            form.update(postcode=organisation.postcode, sector=organisation.sector)
        return _form_page(form, {}, None, organisation)
    data = form_to_dict(request.form, lists=LISTS, text_lists=TEXT_LISTS)
    if not data.get("routes"):
        data.pop("routes", None)  # none ticked: the type's defaults apply
    typed = dict(data)
    organisation = _organisation_of(data.get("organisation_id"))
    wrong: dict[str, str] = {}
    if is_organisation_user(current_user):  # asked in plain words: derive the codes
        data, wrong = plain.apply_answers(data, kind=organisation.kind if organisation else None)
    try:
        checked = validate(PlacementCreate, data)
        if wrong:
            raise InvalidInput(wrong)
        placement = operations.create_placement(get_session(), data=checked, actor=current_user)
    except InvalidInput as exc:
        return _form_page(typed, {**wrong, **exc.fields}, None, organisation), 422
    saved = "gepubliceerd" if placement.status == "open" else "als concept opgeslagen"
    flash(f"Werkplek ‘{placement.title}’ is {saved}.", "success")
    return redirect(url_for("placements.detail", placement_id=placement.id))


@bp.route("/werkplekken/<int:placement_id>")
@allow(*READERS)
def detail(placement_id: int) -> Any:
    """One placement as its readers see it; editors get a button to the edit form."""
    return _detail_page(placement_id, {})


def _detail_page(placement_id: int, errors: dict[str, str]) -> str:
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
        can_edit=current_user.role in EDITORS,
        errors=errors,
        answers=plain.answers_for(placement.max_abc, placement.routes),
        guidance_words={k: w for k, (w, _) in plain.GUIDANCE.items()},
        step_words={k: w for k, (w, _) in plain.STEP.items()},
    )


@bp.route("/werkplekken/<int:placement_id>/bewerken")
@allow(*EDITORS)
def edit(placement_id: int) -> Any:
    """The edit form of one placement."""
    session = get_session()
    placement = operations.get_placement(session, placement_id, current_user)
    form = placement.model_dump() | plain.answers_for(placement.max_abc, placement.routes)
    return _form_page(form, {}, placement, session.get(Organisation, placement.organisation_id))


@bp.route("/werkplekken/<int:placement_id>", methods=["POST"])
@allow(*EDITORS)
def update(placement_id: int) -> Any:
    """Save changes; a change made meanwhile by someone else is reported, not overwritten."""
    session = get_session()
    data = form_to_dict(
        request.form,
        lists=LISTS,
        text_lists=TEXT_LISTS,
        keep_blank=("start_date", "end_date", "description", "occupation", "title", "postcode", "sector"),
    )
    for key in ("start_date", "end_date"):
        if data.get(key) == "":
            data[key] = None
    typed = dict(data)
    wrong: dict[str, str] = {}
    if is_organisation_user(current_user):
        data.pop("routes", None)  # not on their form: the answer sets them, or they stay
        own = session.get(Organisation, current_user.organisation_id)
        data, wrong = plain.apply_answers(data, kind=own.kind if own else None)
    try:
        checked = validate(PlacementUpdate, data)
        if wrong:
            raise InvalidInput(wrong)
        operations.update_placement(session, placement_id=placement_id, data=checked, actor=current_user)
    except (InvalidInput, ApiError) as exc:
        errors, status = refused_edit(exc)
        session.rollback()  # keep what the user typed, against the newest version
        placement = operations.get_placement(session, placement_id, current_user)
        typed["version"] = placement.version
        organisation = session.get(Organisation, placement.organisation_id)
        return _form_page(typed, errors, placement, organisation), status
    flash("De werkplek is bijgewerkt.", "success")
    return redirect(url_for("placements.detail", placement_id=placement_id))


def _organisation_of(raw: Any) -> Organisation | None:
    """The organisation the form is for: the user's own, or the one an adviser chose."""
    if is_organisation_user(current_user):
        raw = current_user.organisation_id
    organisation_id = parse_int(None if raw is None else str(raw), low=1)
    return None if organisation_id is None else get_session().get(Organisation, organisation_id)


def _form_page(
    form: dict[str, Any], errors: dict[str, str], placement: Placement | None, organisation: Organisation | None
) -> str:
    """The placement form: only the types and supports that fit, the type's own hints."""
    settings = current_app.config["CARROUSEL"]["placements"]
    return render_template(
        "placements/form.html",
        form=form,
        errors=errors,
        placement=placement,
        organisation=organisation,
        organisations=_organisations() if placement is None else [],
        settings=settings,
        allowed_types=types_for(organisation.kind if organisation else None),
        allowed_supports=supports_for(form.get("type")),
        kind_types=TYPES_BY_KIND,
        paid_types=sorted(vocab.PAID_TYPES),
        paid_only_supports=PAID_ONLY_SUPPORTS,
        # An adviser may pick another organisation in the form: the service says when it cannot open yet.
        guidance_choices=plain.guidance_choices(organisation.kind if organisation else None),
        step_choices=plain.step_choices(),
        plain_questions=(plain.QUESTION_GUIDANCE, plain.QUESTION_STEP),
        can_publish=organisation is None or organisation.status == "approved" or not is_organisation_user(current_user),
        locked=placement is not None
        and is_organisation_user(current_user)
        and active_proposals(get_session(), placement.id) > 0,  # type: ignore[arg-type]
    )


@bp.route("/werkplekken/<int:placement_id>/publiceren", methods=["POST"])
@allow(*EDITORS)
def publish(placement_id: int) -> Any:
    """Publish a draft from its own page; says who can now see it."""
    session = get_session()
    data = {"status": "open", "version": parse_int(request.form.get("version"), low=1)}
    try:
        placement = operations.update_placement(
            session, placement_id=placement_id, data=validate(PlacementUpdate, data), actor=current_user
        )
    except (InvalidInput, ApiError) as exc:
        errors, status = refused_edit(exc)
        session.rollback()
        return _detail_page(placement_id, errors), status
    flash(
        f"‘{placement.title}’ is gepubliceerd: consulenten zien de plek nu bij passende plekken en kunnen "
        "inwoners voorstellen.",
        "success",
    )
    return redirect(url_for("placements.detail", placement_id=placement_id))
