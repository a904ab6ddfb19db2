"""What a user reads of benefit counselling: the parameter table of a date, a resident's scenarios."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..models import IncomeParameters, IncomeScenario
from .arithmetic import Household, Parameters


def period_start(on: date) -> date:
    """The parameters change on 1 January and 1 July: the start of the half year `on` lies in."""
    return date(on.year, 1 if on.month <= 6 else 7, 1)


def parameters_row(session: Session, on: date) -> IncomeParameters | None:
    """The table of the half year of `on`; None when there is none (never the nearest one: no guess)."""
    return session.exec(select(IncomeParameters).where(IncomeParameters.period_start == period_start(on))).first()


def all_periods(session: Session) -> list[IncomeParameters]:
    """Every period's table, newest first."""
    return list(session.exec(select(IncomeParameters).order_by(IncomeParameters.period_start.desc())).all())  # type: ignore[attr-defined]


def as_parameters(row: IncomeParameters) -> Parameters:
    """The stored figures (decimal text) as the arithmetic's parameters."""
    figures = row.figures
    norms: dict[Household, Decimal] = {
        "single": Decimal(str(figures["norm_single"])),
        "single_parent": Decimal(str(figures["norm_single_parent"])),
        "couple": Decimal(str(figures["norm_couple"])),
    }
    return Parameters(
        period=row.period_start,
        norms=norms,
        exemption_share=Decimal(str(figures["exemption_share"])),
        exemption_max=Decimal(str(figures["exemption_max"])),
        exemption_months=int(str(figures["exemption_months"])),
    )


def scenarios_of(session: Session, resident_id: int) -> list[IncomeScenario]:
    """A resident's scenarios, newest first."""
    return list(
        session.exec(
            select(IncomeScenario)
            .where(IncomeScenario.resident_id == resident_id)
            .order_by(IncomeScenario.on_date.desc(), IncomeScenario.id.desc())  # type: ignore[attr-defined, union-attr]
        ).all()
    )


def newest_scenario_date(session: Session, resident_id: int) -> date | None:
    """The latest `on` of the resident's scenarios (often the planned start itself), or None."""
    return session.exec(
        select(col(IncomeScenario.on_date))
        .where(IncomeScenario.resident_id == resident_id)
        .order_by(col(IncomeScenario.on_date).desc())
    ).first()


def scenario_json(scenario: IncomeScenario) -> dict[str, Any]:
    """The contract's answer: the stored answer with the scenario's id and what was discussed."""
    return {
        "id": scenario.id,
        "resident_id": scenario.resident_id,
        **scenario.answer,
        "discussed": list(scenario.discussed),
        "created_at": scenario.created_at.isoformat(),
    }
