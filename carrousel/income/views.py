"""Pages: the income scenario of a resident (form, answer, chart, checklist, print) and the admin's table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allow
from ..db import get_session
from ..errors import ApiError
from ..forms import form_to_dict
from ..models import IncomeScenario, Placement, Proposal, Resident, User
from ..residents.operations import get_resident
from ..validation import InvalidInput, validate
from . import bp, operations
from .arithmetic import FIGURE_LABELS, FIGURES, HOUSEHOLD_LABELS, months_around_end
from .chart import bar_chart, euro
from .queries import all_periods, scenarios_of

FORM_LABELS = {
    "household": "huishouden",
    "net_monthly_wage": "netto maandloon",
    "hours_per_week": "uren per week",
    "gross_hourly_wage": "bruto uurloon",
    "on": "datum",
    "discussed": "besproken",
}


def counselling_needed(placement_id: int) -> bool:
    """For the proposal page: does a start on this placement need an income scenario?"""
    placement = get_session().get(Placement, placement_id)
    return placement is not None and operations.counselling_required(placement.type)


def _proposal(resident_id: int) -> Proposal | None:
    """The proposal the consultant came from (?voorstel=...), when it is this resident's."""
    raw = request.args.get("voorstel", "") or request.form.get("voorstel", "")
    if not raw.isdigit():
        return None
    proposal = get_session().get(Proposal, int(raw))
    return proposal if proposal is not None and proposal.resident_id == resident_id else None


def _page(resident_id: int, form: dict[str, Any], errors: dict[str, str], status: int = 200) -> Any:
    session = get_session()
    resident = get_resident(session, resident_id, current_user, action="inkomensscenario")
    settings = current_app.config["CARROUSEL"]["benefit_counselling"]
    page = render_template(
        "income/index.html",
        resident=resident,
        scenarios=scenarios_of(session, resident_id),
        form=form,
        errors=errors,
        labels=FORM_LABELS,
        households=HOUSEHOLD_LABELS,
        checklist=operations.CHECKLIST,
        factor=str(settings["gross_to_net_factor"]).replace(".", ","),
        proposal=_proposal(resident_id),
        euro=euro,
    )
    return page, status


@bp.route("/caseload/<int:resident_id>/inkomen", methods=["GET", "POST"])
@allow("consultant")
def index(resident_id: int) -> Any:
    """The form for a scenario and the resident's earlier scenarios."""
    if request.method == "GET":
        return _page(resident_id, {"on": date.today().isoformat()}, {})
    form = form_to_dict(request.form, lists=("discussed",), keep_blank=("on",))  # the date is asked for
    form.pop("voorstel", None)
    try:
        data = validate(operations.ScenarioCreate, form)
        scenario = operations.create_scenario(get_session(), resident_id=resident_id, data=data, actor=current_user)
    except InvalidInput as exc:
        get_session().rollback()
        return _page(resident_id, form, exc.fields, 422)
    flash("De inkomensberekening is vastgelegd.", "success")
    proposal = _proposal(resident_id)
    return redirect(
        url_for(
            "income.detail",
            resident_id=resident_id,
            scenario_id=scenario.id,
            voorstel=proposal.id if proposal else None,
        )
    )


def _scenario(resident_id: int, scenario_id: int) -> IncomeScenario:
    scenario = operations.get_scenario(get_session(), scenario_id, current_user)
    if scenario.resident_id != resident_id:
        raise ApiError(404)
    return scenario


@bp.route("/caseload/<int:resident_id>/inkomen/<int:scenario_id>")
@allow("consultant")
def detail(resident_id: int, scenario_id: int) -> Any:
    """One scenario as a short table and a bar chart, printable for the resident."""
    session = get_session()
    scenario = _scenario(resident_id, scenario_id)  # checks the caseload and logs the view, once
    resident = session.get(Resident, resident_id)
    answer = scenario.answer
    author = session.get(User, scenario.author_id) if scenario.author_id else None
    return render_template(
        "income/detail.html",
        resident=resident,
        scenario=scenario,
        answer=answer,
        chart=bar_chart(answer, _months(answer)),
        households=HOUSEHOLD_LABELS,
        checklist=operations.CHECKLIST,
        figure_labels=FIGURE_LABELS,
        author=author,
        proposal=_proposal(resident_id),
        euro=euro,
    )


def _months(answer: dict[str, Any]) -> list[tuple[date, Decimal, Decimal]]:
    """The stored answer as the three months before and the three after the exemption ends."""
    after = answer["after_exemption"]
    return months_around_end(
        date.fromisoformat(answer["on"]),
        date.fromisoformat(after["from"]),
        Decimal(str(answer["net_monthly_wage"])),
        Decimal(str(answer["benefit_left"])),
        Decimal(str(after["benefit_left"])),
    )


@bp.route("/caseload/<int:resident_id>/inkomen/<int:scenario_id>/besproken", methods=["POST"])
@allow("consultant")
def discussed(resident_id: int, scenario_id: int) -> Any:
    """Tick the points of the checklist that were discussed with the resident."""
    _scenario(resident_id, scenario_id)
    form = form_to_dict(request.form, lists=("discussed",))
    data = validate(operations.DiscussedUpdate, {"discussed": form.get("discussed", [])})
    operations.set_discussed(get_session(), scenario_id=scenario_id, discussed=list(data.discussed), actor=current_user)
    flash("Vastgelegd wat er besproken is.", "success")
    proposal = _proposal(resident_id)
    return redirect(
        url_for(
            "income.detail",
            resident_id=resident_id,
            scenario_id=scenario_id,
            voorstel=proposal.id if proposal else None,
        )
    )


# The admin's table -------------------------------------------------------------------------------


def _admin_page(period: date | None, form: dict[str, Any] | None, errors: dict[str, str], status: int = 200) -> Any:
    session = get_session()
    periods = all_periods(session)
    chosen = next((p for p in periods if p.period_start == period), None)
    if form is None:
        form = {"period_start": period.isoformat() if period else ""}
        if chosen is not None:
            for name in FIGURES:
                value = str(chosen.figures.get(name, ""))
                if name == "exemption_share":
                    value = f"{(Decimal(value) * 100).normalize():f}"
                form[name] = value.replace(".", ",")
                form[f"{name}-source"] = chosen.sources.get(name, "")
                form[f"{name}-confirmed"] = name not in chosen.unconfirmed
    labels = {**FIGURE_LABELS, **{f"{n}-source": f"bron bij {FIGURE_LABELS[n].lower()}" for n in FIGURES}}
    labels["period_start"] = "periode vanaf"
    page = render_template(
        "income/parameters.html",
        periods=periods,
        chosen=chosen,
        form=form,
        errors=errors,
        figures=FIGURES,
        figure_labels=FIGURE_LABELS,
        labels=labels,
        euro=euro,
    )
    return page, status


@bp.route("/beheer/inkomen", methods=["GET", "POST"])
@allow("admin")
def parameters() -> Any:
    """The bijstand norms and the inkomstenvrijlating per period, each with its source; changes are logged."""
    if request.method == "GET":
        raw = request.args.get("periode", "")
        try:
            period = date.fromisoformat(raw) if raw else None
        except ValueError:
            period = None
        return _admin_page(period, None, {})
    form = {key: value for key, value in request.form.items() if key != "csrf_token"}
    try:
        period = date.fromisoformat(form.get("period_start", "").strip())
    except ValueError:
        return _admin_page(
            None, form, {"period_start": "Vul de eerste dag van de periode in (1 januari of 1 juli)."}, 422
        )
    try:
        operations.save_parameters(get_session(), period=period, form=form, actor=current_user)
    except InvalidInput as exc:
        get_session().rollback()
        return _admin_page(period, form, exc.fields, 422)
    flash("De bedragen zijn opgeslagen; de wijziging staat in het logboek van de instellingen.", "success")
    return redirect(url_for("income.parameters", periode=period.isoformat()))
