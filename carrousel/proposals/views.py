"""Proposal pages: the consultant's proposals, the organisation's inbox, the adviser's pipeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import select

from ..access import allow
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict
from ..guards import is_organisation_user
from ..matches.service import EXCLUSION_LABELS, matches_for_resident
from ..models import (
    ConsentWithdrawal,
    Organisation,
    Placement,
    ProposalCreate,
    ProposalExtend,
    ProposalNote,
    ProposalStep,
    ProposalSwitch,
    Resident,
)
from ..models.consent import CHANNEL_LABELS, CONSENT_SCOPE, SCOPE_LABELS
from ..parsing import parse_int
from ..residents.operations import get_resident, log_access
from ..validation import InvalidInput, validate
from ..wording import PROPOSAL_INTRODUCTION_LABELS as INTRODUCTION_LABELS
from ..wording import PROPOSAL_OUTCOME_LABELS as OUTCOME_LABELS
from ..wording import PROPOSAL_STATUS_LABELS as STATUS_LABELS
from . import bp, consent, operations
from .candidates import candidates
from .queries import (
    ProposalFilter,
    describe,
    list_proposals,
    matching_quality,
    median_days_to_answer,
    pipeline,
    waiting_key,
)
from .states import STEPS, steps_for

READERS = ("consultant", "adviser", "employer", "location")
LABELS = {
    "status_labels": STATUS_LABELS,
    "outcome_labels": OUTCOME_LABELS,
    "introduction_labels": INTRODUCTION_LABELS,
    # The consultant records consent given in person, by phone or in writing; online is the resident's own.
    "channel_labels": {k: v for k, v in CHANNEL_LABELS.items() if k != "online"},
    "all_channel_labels": CHANNEL_LABELS,
    "scope_labels": SCOPE_LABELS,
    "consent_scope": CONSENT_SCOPE,
}


def _int_arg(name: str) -> int | None:
    return parse_int(request.args.get(name), low=1)


@bp.route("/voorstellen")
@allow(*READERS)
def index() -> Any:
    """Consultant: the caseload's proposals; employer, location: the inbox; adviser: the pipeline."""
    session = get_session()
    if current_user.role == "adviser":
        return _pipeline_page()
    rows, _total = list_proposals(session, current_user, ProposalFilter(limit=500))
    rows.sort(key=waiting_key)
    for resident_id in {p.resident_id for p in rows}:
        log_access(session, current_user, resident_id, "voorstellen", "lijst van voorstellen")
    items = describe(session, rows, current_user)
    template = "proposals/inbox.html" if is_organisation_user(current_user) else "proposals/index.html"
    return render_template(template, items=items, **LABELS)


def _pipeline_page() -> Any:
    session = get_session()
    organisation_id, placement_id = _int_arg("organisatie"), _int_arg("werkplek")
    rows = pipeline(session, organisation_id=organisation_id, placement_id=placement_id)
    for resident_id in {p.resident_id for p in rows}:
        log_access(session, current_user, resident_id, "voorstellen", "pijplijn")
    items = describe(session, rows, current_user)
    by_status = {status: [i for i in items if i["status"] == status] for status in STATUS_LABELS if status != "nazorg"}
    organisations = session.exec(select_organisations()).all()
    placements = session.exec(select_placements(organisation_id)).all()
    return render_template(
        "proposals/pipeline.html",
        by_status=by_status,
        organisations=organisations,
        placements=placements,
        organisation_id=organisation_id,
        placement_id=placement_id,
        medians=median_days_to_answer(session),
        **LABELS,
    )


def select_organisations() -> Any:
    return select(Organisation.id, Organisation.name).order_by(Organisation.name)


def select_placements(organisation_id: int | None) -> Any:
    query = select(Placement.id, Placement.title).where(Placement.status != "draft")
    if organisation_id is not None:
        query = query.where(Placement.organisation_id == organisation_id)
    return query.order_by(Placement.title)


@bp.route("/voorstellen/nieuw")
@allow("consultant")
def new() -> Any:
    """The proposal form: one resident, one placement, a motivation for the organisation."""
    return _new_form({}, {}, 200)


def _new_form(form: dict[str, Any], errors: dict[str, str], status: int) -> Any:
    session = get_session()
    resident_id = form.get("resident_id") or _int_arg("inwoner")
    placement_id = form.get("placement_id") or _int_arg("werkplek")
    if not resident_id or not placement_id:
        raise ApiError(404)
    resident = get_resident(session, int(resident_id), current_user, action="voorstellen")
    placement = session.get(Placement, int(placement_id))
    if placement is None or placement.status == "draft":
        raise ApiError(404)
    organisation = session.get(Organisation, placement.organisation_id)
    page = render_template(
        "proposals/new.html",
        resident=resident,
        placement=placement,
        organisation=organisation,
        form=form,
        errors=errors,
    )
    return page, status


@bp.route("/voorstellen", methods=["POST"])
@allow("consultant")
def create() -> Any:
    """Make the proposal; refused ones come back with the reason beside the field."""
    session = get_session()
    form = form_to_dict(request.form)
    try:
        resident_id, placement_id = int(form.get("resident_id", "")), int(form.get("placement_id", ""))
    except ValueError:
        raise ApiError(400, "Kies een inwoner en een werkplek.") from None
    try:
        data = ProposalCreate(
            resident_id=resident_id, placement_id=placement_id, motivation=form.get("motivation", "")[:2000]
        )
        proposal = operations.create_proposal(session, data=data, actor=current_user)
    except InvalidInput as exc:
        session.rollback()
        return _new_form(form, exc.fields, 422)
    except ApiError as exc:
        if exc.status != 409:
            raise
        session.rollback()
        return _new_form(form, {"placement_id": exc.message}, 409)
    return redirect(url_for("proposals.detail", proposal_id=proposal.id))


@bp.route("/voorstellen/<int:proposal_id>")
@allow(*READERS)
def detail(proposal_id: int) -> Any:
    """One proposal: who, where, every step so far, and the steps this user may take."""
    return _detail(proposal_id, {}, 200)


def _detail(proposal_id: int, errors: dict[str, str], status: int, form: dict[str, Any] | None = None) -> Any:
    session = get_session()
    proposal = operations.get_proposal(session, proposal_id, current_user)
    item = describe(session, [proposal], current_user)[0]
    own = is_organisation_user(current_user) and current_user.organisation_id == proposal.organisation_id
    steps = steps_for(proposal.status, current_user.role, own_organisation=own)
    page = render_template(
        "proposals/detail.html",
        item=item,
        steps=steps,
        can_switch=current_user.role == "consultant" and proposal.status == "started",
        can_note=current_user.role == "consultant" and proposal.outcome == "hired" and proposal.status == "ended",
        can_withdraw_consent=current_user.role == "consultant"
        and proposal.status in consent.RUNNING_OR_DONE
        and not (item.get("consent") or {}).get("withdrawn_on"),
        errors=errors,
        form=form or {},
        **LABELS,
    )
    return page, status


def _refused(proposal_id: int, exc: InvalidInput | ApiError, form: dict[str, Any]) -> Any:
    """Re-show the proposal with the reason: 422 per field, 409 (stale, full, not allowed now)."""
    get_session().rollback()
    if isinstance(exc, InvalidInput):
        return _detail(proposal_id, exc.fields, 422, form)
    if exc.status != 409:
        raise exc
    return _detail(proposal_id, {"to": exc.message}, 409, form)


@bp.route("/voorstellen/<int:proposal_id>/stap", methods=["POST"])
@allow(*READERS)
def step(proposal_id: int) -> Any:
    """Take one step of the state table from the proposal page (consent: with its channel and scope)."""
    form = form_to_dict(request.form, lists=("scope",))
    try:
        data = validate(ProposalStep, {k: v for k, v in form.items() if k not in ("channel", "scope")})
        if data.to not in STEPS:
            raise ApiError(409, "Deze stap bestaat niet.", code="invalid_transition")
        if data.to == "consented":
            data.consent = consent.checked_consent(form.get("channel"), form.get("scope"))
        consent.take_step(get_session(), proposal_id=proposal_id, data=data, actor=current_user)
    except (InvalidInput, ApiError) as exc:
        return _refused(proposal_id, exc, form)
    return redirect(url_for("proposals.detail", proposal_id=proposal_id))


@bp.route("/voorstellen/<int:proposal_id>/toestemming-ingetrokken", methods=["POST"])
@allow("consultant")
def withdraw_consent(proposal_id: int) -> Any:
    """The resident withdrew consent after the start: the organisation no longer sees the data."""
    form = form_to_dict(request.form)
    try:
        data = validate(ConsentWithdrawal, {k: v for k, v in form.items() if k in ("on", "version")})
        session = get_session()
        proposal = operations.get_proposal(session, proposal_id, current_user, action="toestemming intrekken")
        consent.withdraw_consent(session, proposal=proposal, on=data.on, actor=current_user, version=data.version)
    except (InvalidInput, ApiError) as exc:
        return _refused(proposal_id, exc, {**form, "to": "consent_withdrawal"})
    return redirect(url_for("proposals.detail", proposal_id=proposal_id))


@bp.route("/voorstellen/<int:proposal_id>/nazorg", methods=["POST"])
@allow("consultant")
def nazorg(proposal_id: int) -> Any:
    """Note how the place goes (nazorg)."""
    form = form_to_dict(request.form)
    try:
        data = validate(ProposalNote, {"note": form.get("note", ""), **({"on": form["on"]} if form.get("on") else {})})
        operations.add_nazorg_note(get_session(), proposal_id=proposal_id, data=data, actor=current_user)
    except (InvalidInput, ApiError) as exc:
        if isinstance(exc, InvalidInput) and "note" in exc.fields:
            exc.fields = {"note": exc.fields["note"]}
        return _refused(proposal_id, exc, form)
    return redirect(url_for("proposals.detail", proposal_id=proposal_id))


@bp.route("/voorstellen/<int:proposal_id>/verlengen", methods=["POST"])
@allow("consultant")
def extend(proposal_id: int) -> Any:
    """A dated extension of the resident's place, within the type's limit."""
    form = form_to_dict(request.form)
    try:
        data = validate(
            ProposalExtend,
            {
                "until": form.get("until") or None,
                "reason": form.get("extend_reason", ""),
                **({"version": form["version"]} if form.get("version") else {}),
            },
        )
        operations.extend_placement(get_session(), proposal_id=proposal_id, data=data, actor=current_user)
    except (InvalidInput, ApiError) as exc:
        if isinstance(exc, InvalidInput):
            exc.fields = {("extend_reason" if k == "reason" else k): v for k, v in exc.fields.items()}
        return _refused(proposal_id, exc, form)
    return redirect(url_for("proposals.detail", proposal_id=proposal_id))


@bp.route("/voorstellen/<int:proposal_id>/wisselen", methods=["GET", "POST"])
@allow("consultant")
def switch(proposal_id: int) -> Any:
    """Simpel Switchen: choose the next place with the resident's consent; the current one ends when it starts."""
    session = get_session()
    form: dict[str, Any] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        form = form_to_dict(request.form)
        try:
            body = {k: v for k, v in form.items() if k in ("placement_id", "motivation", "on", "version") and v != ""}
            channel = form.get("consent_channel") or None
            data = validate(ProposalSwitch, {**body, "consent": {"channel": channel}})
            new = operations.switch_placement(session, proposal_id=proposal_id, data=data, actor=current_user)
            consent.record_consent(
                session, proposal=new, channel=data.consent.channel, scope=None, on=data.on, actor=current_user
            )
            return redirect(url_for("proposals.detail", proposal_id=new.id))
        except (InvalidInput, ApiError) as exc:
            if isinstance(exc, ApiError) and exc.status != 409:
                raise
            session.rollback()
            errors = exc.fields if isinstance(exc, InvalidInput) else {"placement_id": exc.message}
            errors = {("consent_channel" if k.startswith("consent") else k): v for k, v in errors.items()}
            status = 422 if isinstance(exc, InvalidInput) else 409
    proposal = operations.get_proposal(session, proposal_id, current_user, action="wisselen")
    if proposal.status != "started":
        raise ApiError(409, "Alleen een gestarte plaatsing kan wisselen.", code="invalid_transition")
    resident = session.get(Resident, proposal.resident_id)
    matches = matches_for_resident(session, resident_id=proposal.resident_id, actor=current_user, limit=50)
    options = [(m["placement_id"], f"{m['title']} – {m['organisation']}") for m in matches["items"]]
    item = describe(session, [proposal], current_user)[0]
    page = render_template(
        "proposals/switch.html",
        item=item,
        resident=resident,
        options=options,
        form=form,
        errors=errors,
        today=date.today(),
        channels={k: v for k, v in CHANNEL_LABELS.items() if k != "online"},
    )
    return page, status


@bp.route("/voorstellen/kwaliteit")
@allow("adviser", "admin")
def quality() -> Any:
    """What the ranking is worth: proposals, starts and hires by the rank at the time of proposing."""
    return render_template("proposals/quality.html", quality=matching_quality(get_session()))


@bp.route("/werkplekken/<int:placement_id>/kandidaten")
@allow("consultant", "adviser", "employer", "location")
def candidates_page(placement_id: int) -> Any:
    """'Kandidaten': ranked residents for a placement; an organisation sees who was proposed to it."""
    limit = parse_int(request.args.get("limit"), low=1, high=200) or 20
    result = candidates(get_session(), placement_id=placement_id, actor=current_user, limit=limit)
    if "considered" not in result:  # an employer or location: only who was proposed to them
        return render_template("proposals/candidates.html", **result)
    return render_template("matches/placement.html", labels=EXCLUSION_LABELS, limit=limit, **result)
