"""What users do with benefit counselling: record a scenario, tick what was discussed, keep the
parameter table (admin), and the gate a paid start passes. Each function flushes; the request commits."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from flask import current_app
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError
from sqlmodel import Session, select

from matching.vocabulary import PAID_TYPES

from ..auth.account import Account
from ..errors import ApiError
from ..models import IncomeParameters, IncomeScenario, Placement, Resident, SettingChange, utcnow
from ..residents.operations import get_resident
from ..templating import dutch_date
from ..validation import InvalidInput
from . import arithmetic
from .arithmetic import FIGURES, Household, Outcome, Parameters, money
from .queries import as_parameters, newest_scenario_date, parameters_row, period_start

Discussed = Literal["toeslagen", "kinderopvang", "reiskosten", "kwijtschelding"]
CHECKLIST: dict[str, str] = {
    "toeslagen": "Toeslagen (huurtoeslag, zorgtoeslag, kindgebonden budget): doorgeven wat het nieuwe inkomen wordt",
    "kinderopvang": "Kinderopvang en kinderopvangtoeslag",
    "reiskosten": "Reiskosten naar het werk (vergoeding van de werkgever)",
    "kwijtschelding": "Kwijtschelding van gemeentelijke belastingen en andere regelingen voor een laag inkomen",
}


def _euros(value: Any) -> Any:
    """'1.234,56', '1234.56', 1234.56 -> Decimal; anything else is refused in Dutch."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("euros", "Vul een bedrag in, zoals 1250 of 1250,50.")
    text = str(value).strip().replace("€", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise PydanticCustomError("euros", "Vul een bedrag in, zoals 1250 of 1250,50.") from None
    if not number.is_finite():
        raise PydanticCustomError("euros", "Vul een bedrag in, zoals 1250 of 1250,50.")
    return number


Euros = Annotated[Decimal, BeforeValidator(_euros)]


class ScenarioCreate(BaseModel):
    """A scenario: the household, the net monthly wage or hours and gross hourly wage, the date."""

    model_config = ConfigDict(extra="forbid")

    household: Household
    net_monthly_wage: Euros | None = Field(default=None, ge=0, le=20000)
    hours_per_week: Euros | None = Field(default=None, gt=0, le=60)
    gross_hourly_wage: Euros | None = Field(default=None, gt=0, le=500)
    on: date = Field(default_factory=date.today)
    discussed: list[Discussed] = Field(default_factory=list)

    def wage_errors(self) -> dict[str, str]:
        """Either the net monthly wage or both hours and gross hourly wage: named per field."""
        return self.cross_field_errors(self.model_dump())

    @classmethod
    def cross_field_errors(cls, data: dict[str, Any]) -> dict[str, str]:
        """The wage checks, also in the round where other fields fail (see validation.validate)."""
        given = {
            name
            for name in ("net_monthly_wage", "hours_per_week", "gross_hourly_wage")
            if data.get(name) not in (None, "")
        }
        by_hours = given & {"hours_per_week", "gross_hourly_wage"}
        if "net_monthly_wage" in given and by_hours:
            name = "hours_per_week" if "hours_per_week" in by_hours else "gross_hourly_wage"
            return {name: "Vul óf het netto maandloon in, óf de uren met het bruto uurloon; niet allebei."}
        if not given:
            return {"net_monthly_wage": "Vul het netto maandloon in, of de uren per week met het bruto uurloon."}
        errors = {}
        if by_hours and "hours_per_week" not in by_hours:
            errors["hours_per_week"] = "Vul ook de uren per week in."
        if by_hours and "gross_hourly_wage" not in by_hours:
            errors["gross_hourly_wage"] = "Vul ook het bruto uurloon in."
        return errors


class DiscussedUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    discussed: list[Discussed] = Field(default_factory=list)


def _settings() -> dict[str, Any]:
    settings: dict[str, Any] = current_app.config["CARROUSEL"]["benefit_counselling"]
    return settings


def _parameters(session: Session, on: date) -> tuple[IncomeParameters, Parameters]:
    row = parameters_row(session, on)
    if row is None:
        start = period_start(on)
        raise InvalidInput(
            {
                "on": f"Voor {dutch_date(on)} staan er geen bijstandsnormen in de tabel (de periode vanaf "
                f"{dutch_date(start)} ontbreekt). De beheerder vult ze in bij Beheer, Inkomen; er wordt niet gegokt."
            }
        )
    return row, as_parameters(row)


def _amount(value: Decimal) -> float:
    return float(money(value))


def answer_of(outcome: Outcome, row: IncomeParameters, data: ScenarioCreate, factor: Decimal | None) -> dict[str, Any]:
    """The contract's answer (without id): euros per month with two decimals, in Dutch lines."""
    params = as_parameters(row)
    share = f"{(params.exemption_share * 100).normalize():f}".replace(".", ",")
    until = dutch_date(outcome.exemption_until) if outcome.exemption_until else None
    lines = [
        {"label": "Bijstand zonder werk", "amount": _amount(outcome.without_work)},
        {"label": "Netto loon", "amount": _amount(outcome.wage)},
        {
            "label": f"Inkomstenvrijlating ({share}% van het loon, hoogstens € {money(params.exemption_max)})".replace(
                ".", ","
            ),
            "amount": _amount(outcome.earnings_exemption),
        },
        {"label": "Bijstand naast het loon", "amount": _amount(outcome.benefit_left)},
        {"label": "Totaal met werk", "amount": _amount(outcome.with_work)},
        {"label": "Verschil met zonder werk", "amount": _amount(outcome.difference)},
        {
            "label": f"Totaal met werk vanaf {dutch_date(outcome.after_from)}",
            "amount": _amount(outcome.after_with_work),
        },
    ]
    return {
        "household": outcome.household,
        "on": outcome.on.isoformat(),
        "net_monthly_wage": _amount(outcome.wage),
        "hours_per_week": float(data.hours_per_week) if data.hours_per_week is not None else None,
        "gross_hourly_wage": float(data.gross_hourly_wage) if data.gross_hourly_wage is not None else None,
        "gross_to_net_factor": float(factor) if factor is not None else None,
        "without_work": _amount(outcome.without_work),
        "with_work": _amount(outcome.with_work),
        "benefit_left": _amount(outcome.benefit_left),
        "earnings_exemption": _amount(outcome.earnings_exemption),
        "exemption_until": outcome.exemption_until.isoformat() if outcome.exemption_until else None,
        "difference": _amount(outcome.difference),
        "after_exemption": {
            "from": outcome.after_from.isoformat(),
            "benefit_left": _amount(outcome.after_benefit_left),
            "with_work": _amount(outcome.after_with_work),
            "difference": _amount(outcome.after_difference),
            "leaves_bijstand": outcome.leaves_bijstand_after,
        },
        "leaves_bijstand": outcome.leaves_bijstand,
        "summary": summary(outcome, until),
        "lines": lines,
        "parameters": {
            "period": row.period_start.isoformat(),
            "norm": _amount(outcome.without_work),
            "exemption_share": float(params.exemption_share),
            "exemption_max": _amount(params.exemption_max),
            "exemption_months": params.exemption_months,
            "sources": dict(row.sources),
            "unconfirmed": list(row.unconfirmed),
        },
    }


def summary(outcome: Outcome, until: str | None) -> str:
    """The answer in words (B1): what changes, and when the resident leaves the bijstand."""
    if outcome.wage == 0:
        return "Zonder loon verandert er niets: de bijstand blijft gelijk."
    if outcome.leaves_bijstand:
        return (
            "Met dit loon is er geen bijstand meer nodig: het loon is hoger dan de bijstandsnorm. "
            "De inwoner gaat uit de bijstand."
        )
    words = f"Met werk is het inkomen € {outcome.difference} per maand hoger dan zonder werk".replace(".", ",")
    if until:
        words += f", zolang de inkomstenvrijlating loopt (tot en met {until})"
    words += "."
    if outcome.leaves_bijstand_after:
        words += (
            f" Vanaf {dutch_date(outcome.after_from)} is er geen bijstand meer nodig: de inwoner gaat uit de bijstand."
        )
    elif until and outcome.after_difference == 0:
        words += f" Vanaf {dutch_date(outcome.after_from)} is het inkomen even hoog als zonder werk."
    elif until:
        after = f"{outcome.after_difference}".replace(".", ",")
        words += f" Vanaf {dutch_date(outcome.after_from)} is het verschil € {after} per maand."
    return words


def create_scenario(session: Session, *, resident_id: int, data: ScenarioCreate, actor: Account) -> IncomeScenario:
    """Work out and record a scenario for a resident of the own (or shared) caseload."""
    resident = get_resident(session, resident_id, actor, action="inkomensscenario")
    errors = data.wage_errors()
    if errors:
        raise InvalidInput(errors)
    row, params = _parameters(session, data.on)
    factor: Decimal | None = None
    if data.net_monthly_wage is not None:
        wage = money(data.net_monthly_wage)
    else:
        assert data.hours_per_week is not None and data.gross_hourly_wage is not None
        factor = Decimal(str(_settings()["gross_to_net_factor"]))
        wage = arithmetic.net_from_hours(data.hours_per_week, data.gross_hourly_wage, factor)
    outcome = arithmetic.scenario(data.household, wage, data.on, params)
    scenario = IncomeScenario(
        resident_id=resident.id,  # type: ignore[arg-type]
        author_id=actor.id,
        on_date=data.on,
        household=data.household,
        net_monthly_wage=str(wage),
        hours_per_week=str(data.hours_per_week) if data.hours_per_week is not None else None,
        gross_hourly_wage=str(data.gross_hourly_wage) if data.gross_hourly_wage is not None else None,
        period_start=row.period_start,
        answer=answer_of(outcome, row, data, factor),
        discussed=sorted(set(data.discussed)),
    )
    session.add(scenario)
    session.flush()
    return scenario


def get_scenario(session: Session, scenario_id: int, actor: Account) -> IncomeScenario:
    """A scenario of a resident the actor may see; 404 otherwise."""
    scenario = session.get(IncomeScenario, scenario_id)
    if scenario is None:
        raise ApiError(404)
    get_resident(session, scenario.resident_id, actor, action="inkomensscenario")
    return scenario


def set_discussed(session: Session, *, scenario_id: int, discussed: list[str], actor: Account) -> IncomeScenario:
    """Keep with the scenario which points of the checklist were discussed."""
    scenario = get_scenario(session, scenario_id, actor)
    scenario.discussed = [item for item in CHECKLIST if item in set(discussed)]
    session.add(scenario)
    session.flush()
    return scenario


def counselling_required(placement_type: str) -> bool:
    """Does a start on a placement of this type need an income scenario (the gate is on, the work is paid)?"""
    return bool(_settings()["required"]) and placement_type in PAID_TYPES


def ensure_counselled(session: Session, resident: Resident, placement: Placement, on: date) -> None:
    """The gate of a paid start: a scenario dated at most `max_age_days` before the start (422 otherwise)."""
    if not counselling_required(placement.type):
        return
    max_age = int(_settings()["max_age_days"])
    newest = newest_scenario_date(session, resident.id)  # type: ignore[arg-type]
    if newest is not None and newest >= on - timedelta(days=max_age):
        return
    reason = (
        "Er is nog geen inkomensgesprek vastgelegd"
        if newest is None
        else f"Het laatste inkomensgesprek is van {dutch_date(newest)}, langer dan {max_age} dagen voor de start"
    )
    raise InvalidInput(
        {
            "benefit_counselling": f"{reason}. Bij betaald werk laat de consulent eerst zien wat het loon doet "
            "met het inkomen: maak een inkomensberekening bij de inwoner."
        }
    )


# The admin's table ------------------------------------------------------------------------------

_LIMITS: dict[str, tuple[Decimal, Decimal]] = {
    "norm_single": (Decimal(0), Decimal(10000)),
    "norm_single_parent": (Decimal(0), Decimal(10000)),
    "norm_couple": (Decimal(0), Decimal(10000)),
    "exemption_share": (Decimal(0), Decimal(100)),  # entered as a percentage
    "exemption_max": (Decimal(0), Decimal(10000)),
    "exemption_months": (Decimal(0), Decimal(60)),
}


def _figure(name: str, raw: str) -> str:
    try:
        number = _euros(raw)
    except PydanticCustomError:
        number = None
    if number is None or not isinstance(number, Decimal):
        raise ValueError("Vul een getal in, zoals 1398,53.")
    low, high = _LIMITS[name]
    if not low <= number <= high:
        raise ValueError(f"Vul een getal in van {low} tot en met {high}.")
    if name == "exemption_months":
        if number != number.to_integral_value():
            raise ValueError("Vul een heel aantal maanden in.")
        return str(int(number))
    if name == "exemption_share":
        return str((number / 100).quantize(Decimal("0.0001")).normalize())
    return str(money(number))


def save_parameters(session: Session, *, period: date, form: dict[str, Any], actor: Account) -> IncomeParameters:
    """Store one period's figures, sources and confirmed marks; every change is in the settings log."""
    if period.day != 1 or period.month not in (1, 7):
        raise InvalidInput({"period_start": "Een periode begint op 1 januari of 1 juli."})
    errors: dict[str, str] = {}
    figures: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in FIGURES:
        try:
            figures[name] = _figure(name, str(form.get(name, "")))
        except ValueError as exc:
            errors[name] = str(exc)
        source = str(form.get(f"{name}-source", "")).strip()[:500]
        if not source:
            errors.setdefault(f"{name}-source", "Noem de bron: publicatie en datum.")
        sources[name] = source
    if errors:
        raise InvalidInput(errors)
    if Decimal(figures["norm_couple"]) < Decimal(figures["norm_single"]):
        raise InvalidInput({"norm_couple": "De norm voor gehuwden ligt boven die voor een alleenstaande."})
    unconfirmed = [name for name in FIGURES if not form.get(f"{name}-confirmed")]
    row = session.exec(select(IncomeParameters).where(IncomeParameters.period_start == period)).first()
    old = None if row is None else _logged(row)
    if row is None:
        row = IncomeParameters(period_start=period)
    row.figures, row.sources, row.unconfirmed = figures, sources, unconfirmed
    row.updated_at, row.updated_by_id = utcnow(), actor.id
    new = _logged(row)
    if old != new:
        session.add(row)
        session.add(SettingChange(key=change_key(period), old_value=old, new_value=new, user_id=actor.id))
    session.flush()
    return row


def change_key(period: date) -> str:
    """The line in the settings log (/beheer/instellingen shows the key as its label)."""
    return f"Bijstandsnormen en inkomstenvrijlating vanaf {dutch_date(period)}"


def _logged(row: IncomeParameters) -> dict[str, Any]:
    return {"figures": dict(row.figures), "sources": dict(row.sources), "unconfirmed": list(row.unconfirmed)}
