"""Pages for organisations: public sign-up, the adviser's list and decisions, the own record."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from ..access import allow, public
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict, refused_edit
from ..models import OrganisationCreate, OrganisationUpdate, Placement
from ..paging import page_from_request
from ..validation import InvalidInput, validate
from . import bp, operations
from .queries import OrganisationFilter, list_organisations, registrants


@bp.route("/aanmelden", methods=["GET"])
@public
def register_form() -> Any:
    """Public sign-up for employers and activerend-werk locations."""
    return render_template("organisations/register.html", form={}, errors={})


@bp.route("/aanmelden", methods=["POST"])
@public
def register() -> Any:
    """Create a pending organisation and its first user."""
    data = form_to_dict(request.form)
    try:
        form = validate(operations.Registration, data)
        operations.register_organisation(get_session(), form=form)
    except InvalidInput as exc:
        data.pop("password", None)
        return render_template("organisations/register.html", form=data, errors=exc.fields), 422
    flash(
        "Dank u wel. Uw aanmelding is ontvangen; de adviseur werkgeversdienstverlening beoordeelt "
        "haar. U kunt nu inloggen en alvast werkplekken als concept klaarzetten. Hoorde dit e-mailadres al "
        "bij een account, dan is er niets nieuws aangemaakt: log dan in met dat account.",
        "success",
    )
    return redirect(url_for("auth.login"))


@bp.route("/organisaties")
@allow("adviser", "admin")
def index() -> Any:
    """All organisations with filters, sorting and paging."""
    page = page_from_request()
    raw = {k: v for k, v in request.args.items() if k in ("kind", "status", "q", "sort") and v}
    try:
        filters = validate(OrganisationFilter, {**raw, "limit": page.size, "offset": page.offset})
    except InvalidInput:  # a value the filter cannot take, or a number beyond the database integer
        filters = OrganisationFilter(limit=page.size, offset=page.offset)
    rows, total = list_organisations(get_session(), filters)
    return render_template("organisations/index.html", organisations=rows, filters=filters, page=page.with_total(total))


@bp.route("/organisaties/nieuw", methods=["GET", "POST"])
@allow("adviser")
def create() -> Any:
    """An adviser registers an organisation, warned first about a likely duplicate."""
    if request.method == "GET":
        return render_template("organisations/form.html", form={}, errors={}, duplicate=None)
    data = form_to_dict(request.form)
    confirm = data.pop("confirm_duplicate", "0") == "1"
    try:
        organisation = operations.create_organisation(
            get_session(), data=validate(OrganisationCreate, data), actor=current_user, confirm_duplicate=confirm
        )
    except InvalidInput as exc:
        return render_template("organisations/form.html", form=data, errors=exc.fields, duplicate=None), 422
    except ApiError as exc:
        if exc.status != 409:
            raise
        return render_template("organisations/form.html", form=data, errors={}, duplicate=exc.message), 409
    flash(f"{organisation.name} is aangemaakt en goedgekeurd.", "success")
    return redirect(url_for("organisations.detail", organisation_id=organisation.id))


@bp.route("/organisaties/<int:organisation_id>")
@allow("adviser", "admin", "employer", "location")
def detail(organisation_id: int) -> Any:
    """One organisation with its placements."""
    return _detail_page(organisation_id, errors={}, form=None)


@bp.route("/organisaties/<int:organisation_id>", methods=["POST"])
@allow("adviser", "admin", "employer", "location")
def update(organisation_id: int) -> Any:
    """Save changes to an organisation; what was typed survives an error or a newer version."""
    session = get_session()
    # An emptied field is refused (or, for the sector, cleared), never silently kept.
    data = form_to_dict(request.form, keep_blank=("name", "postcode", "sector", "contact_email"))
    try:
        operations.update_organisation(
            session, organisation_id=organisation_id, data=validate(OrganisationUpdate, data), actor=current_user
        )
    except (InvalidInput, ApiError) as exc:
        errors, status = refused_edit(exc)
        session.rollback()
        return _detail_page(organisation_id, errors=errors, form=data), status
    flash("De gegevens zijn opgeslagen.", "success")
    return redirect(url_for("organisations.detail", organisation_id=organisation_id))


def _detail_page(organisation_id: int, *, errors: dict[str, str], form: dict[str, Any] | None, reason: str = "") -> str:
    session = get_session()
    organisation = operations.get_organisation(session, organisation_id, current_user)
    placements = session.exec(
        select(Placement).where(Placement.organisation_id == organisation_id).order_by(Placement.created_at.desc())  # type: ignore[attr-defined]
    ).all()
    if form is not None:
        form["version"] = organisation.version
    return render_template(
        "organisations/detail.html",
        organisation=organisation,
        placements=placements,
        errors=errors,
        form=form,
        registered_by=registrants(session, organisation),
        decision_reason=reason,
    )


@bp.route("/organisaties/<int:organisation_id>/besluit", methods=["POST"])
@allow("adviser")
def decide(organisation_id: int) -> Any:
    """Approve, reject with a reason, or deactivate."""
    status = {"goedkeuren": "approved", "afwijzen": "rejected", "deactiveren": "inactive"}.get(
        request.form.get("besluit", "")
    )
    if status is None:
        raise ApiError(400, "Kies goedkeuren, afwijzen of deactiveren.")
    try:
        organisation = operations.decide(
            get_session(), organisation_id=organisation_id, status=status, reason=request.form.get("reason", "")
        )
    except ApiError as exc:
        if exc.status != 422:
            raise
        get_session().rollback()
        errors = exc.fields or {"reason": exc.message}
        page = _detail_page(organisation_id, errors=errors, form=None, reason=request.form.get("reason", ""))
        return page, 422
    labels = {"approved": "goedgekeurd", "rejected": "afgewezen", "inactive": "gedeactiveerd"}
    flash(f"{organisation.name} is {labels[status]}.", "success")
    return redirect(url_for("organisations.detail", organisation_id=organisation_id))
