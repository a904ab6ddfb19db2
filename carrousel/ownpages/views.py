"""The resident's pages under /ik: phone first, plain words, one thing per page."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..access import RESIDENT, allow, public, public_and_resident
from ..agreements.operations import acknowledge_by_resident, confirm_by_resident
from ..audit import log_own_access
from ..auth import resident as resident_auth
from ..db import get_session
from ..errors import ApiError
from ..validation import InvalidInput, validate
from . import bp, operations, queries
from .operations import Availability, Consent
from .words import SCOPE_FIELDS, SCOPE_WORDS, long_date


@bp.route("/link/<secret>")
@public_and_resident
def open_link(secret: str) -> Any:
    """Opening the consultant's link signs the resident in; an old or unknown link says so."""
    db = get_session()
    try:
        token, _expires_at, resident_id = resident_auth.redeem_link(
            db, link=secret, kind="session", address=request.remote_addr or "onbekend"
        )
    except ApiError as exc:
        if exc.status != 401:
            raise
        return render_template("ik/link_refused.html", message=exc.message), 401
    log_own_access(db, resident_id, "inloggen")
    session.clear()  # a fresh session: nothing of an earlier visitor carries over
    login_user(resident_auth.ResidentAccount(resident_id=resident_id, token=token))
    return redirect(url_for("ownpages.home"))


@bp.route("/uitgelogd")
@public
def signed_out() -> Any:
    """For a resident without a session: how to get in again."""
    return render_template("ik/signed_out.html")


@bp.route("/uitloggen", methods=["POST"])
@allow(RESIDENT)
def sign_out() -> Any:
    """End the resident's session."""
    resident_auth.end_session(get_session(), current_user.token)
    logout_user()
    session.clear()
    return redirect(url_for("ownpages.signed_out"))


@bp.route("")
@allow(RESIDENT)
def home() -> Any:
    """The start: what needs doing, and the way to each page."""
    db = get_session()
    resident = operations.own_resident(db, current_user)
    log_own_access(db, resident.id, "bekijken")  # type: ignore[arg-type]
    proposals = queries.own_proposals(db, resident.id)  # type: ignore[arg-type]
    return render_template(
        "ik/home.html",
        resident=resident,
        stale=queries.stale_since(resident) is not None,
        confirmed=long_date(resident.availability_confirmed_on),
        todo=[p for p in proposals if p["may_consent"] or _open_ack(p) or _open_eval(p)],
        proposals=proposals,
    )


def _open_ack(p: dict[str, Any]) -> bool:
    return (
        bool(p["agreement"]) and not p["agreement"]["acknowledged_by_you"] and p["status"] in ("introduced", "started")
    )


def _open_eval(p: dict[str, Any]) -> bool:
    return bool(p["evaluation"]) and not p["evaluation"]["confirmed_on"]


@bp.route("/klopt-dit-nog", methods=["GET", "POST"])
@allow(RESIDENT)
def availability() -> Any:
    """ "Klopt dit nog?": hours, wished work and whether the resident is still looking."""
    db = get_session()
    resident = operations.own_resident(db, current_user)
    if request.method == "GET":
        log_own_access(db, resident.id, "bekijken")  # type: ignore[arg-type]
        values = {
            "hours_available": "" if resident.hours_available is None else str(resident.hours_available),
            "wished_occupations": "\n".join(resident.wished_occupations),
            "still_looking": "ja" if resident.still_looking else "nee",
        }
        return render_template("ik/availability.html", values=values, errors={})
    values = {k: request.form.get(k, "").strip() for k in ("hours_available", "wished_occupations", "still_looking")}
    raw = {
        "hours_available": values["hours_available"] or None,
        "wished_occupations": [line.strip() for line in values["wished_occupations"].splitlines() if line.strip()],
        "still_looking": {"ja": True, "nee": False}.get(values["still_looking"], values["still_looking"] or None),
    }
    try:
        data = validate(Availability, raw)
        operations.confirm_availability(db, actor=current_user, data=data)
    except InvalidInput as exc:
        return render_template("ik/availability.html", values=values, errors=_plain(exc.fields)), 422
    flash("Dank u wel. Uw consulent ziet dat uw gegevens kloppen.", "success")
    return redirect(url_for("ownpages.home"))


PLAIN_ERRORS = {
    "hours_available": "Vul een aantal uren in, van 0 tot 60. Of laat het leeg als u het niet weet.",
    "wished_occupations": "Vul hoogstens 10 soorten werk in, elk op een eigen regel.",
    "still_looking": "Kies ja of nee.",
    "scope": "Kies wat de organisatie mag zien.",
}


def _plain(fields: dict[str, str]) -> dict[str, str]:
    return {name: PLAIN_ERRORS.get(name, message) for name, message in fields.items()}


@bp.route("/voorstellen")
@allow(RESIDENT)
def proposals() -> Any:
    """My proposals: where each stands, what happens next, and what I can do."""
    db = get_session()
    log_own_access(db, current_user.resident_id, "voorstellen")
    return render_template(
        "ik/proposals.html",
        proposals=queries.own_proposals(db, current_user.resident_id),
        scope_options=[(name, SCOPE_WORDS[name]) for name in SCOPE_FIELDS],
        errors={},
    )


@bp.route("/voorstellen/<int:proposal_id>/toestemming", methods=["POST"])
@allow(RESIDENT)
def consent(proposal_id: int) -> Any:
    """Give consent (with what the organisation may see) or withdraw it."""
    db = get_session()
    give = request.form.get("give") == "ja"
    try:
        data = validate(Consent, {"give": give, "scope": request.form.getlist("scope")})
        operations.consent(db, actor=current_user, proposal_id=proposal_id, data=data)
    except InvalidInput as exc:
        return (
            render_template(
                "ik/proposals.html",
                proposals=queries.own_proposals(db, current_user.resident_id),
                scope_options=[(name, SCOPE_WORDS[name]) for name in SCOPE_FIELDS],
                errors=_plain(exc.fields),
            ),
            422,
        )
    flash("U gaf toestemming." if give else "U zei nee. Het voorstel is gestopt.", "success")
    return redirect(url_for("ownpages.proposals"))


@bp.route("/afspraken/<int:proposal_id>/bevestigen", methods=["POST"])
@allow(RESIDENT)
def acknowledge(proposal_id: int) -> Any:
    """The resident acknowledges the agreement."""
    acknowledge_by_resident(get_session(), resident_id=current_user.resident_id, proposal_id=proposal_id)
    flash("U heeft de afspraken bevestigd.", "success")
    return redirect(url_for("ownpages.proposals"))


@bp.route("/evaluaties/<int:proposal_id>/bevestigen", methods=["POST"])
@allow(RESIDENT)
def confirm_evaluation(proposal_id: int) -> Any:
    """The resident confirms the evaluation, with a comment."""
    comment = request.form.get("comment", "")[:2000]
    confirm_by_resident(get_session(), resident_id=current_user.resident_id, proposal_id=proposal_id, comment=comment)
    flash("Dank u wel voor uw reactie.", "success")
    return redirect(url_for("ownpages.proposals"))


@bp.route("/inzage")
@allow(RESIDENT)
def inzage() -> Any:
    """Everything kept about me, readable and printable."""
    db = get_session()
    resident = operations.own_resident(db, current_user)
    log_own_access(db, resident.id, "inzage")  # type: ignore[arg-type]
    return render_template("ik/inzage.html", doc=queries.inzage(db, resident), own=True)
