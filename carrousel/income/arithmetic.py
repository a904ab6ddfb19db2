"""Benefit counselling arithmetic: what a net wage does to the monthly income in the bijstand.

Pure and typed like `matching/`: figures in, figures out, no Flask, no database. Money is
`Decimal` in euros with two decimals (rounded half up, as a payslip is). The rules are
DOMAIN.md *Benefit counselling before a paid start*:

- the inkomstenvrijlating (Participatiewet art. 31 lid 2 sub n): e = min(share x wage, cap)
  during its months, else 0;
- bijstand left = max(0, norm - (wage - e));
- total with work = wage + bijstand left = max(wage, norm + e), so more wage never means less.

Not in this version: the kostendelersnorm, the single parents' extra exemption (art. 31 lid 2
sub r) and the toeslagen; the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from ..dates import add_months

Household = Literal["single", "single_parent", "couple"]
HOUSEHOLDS: tuple[Household, ...] = get_args(Household)
HOUSEHOLD_LABELS: dict[Household, str] = {
    "single": "Alleenstaande",
    "single_parent": "Alleenstaande ouder",
    "couple": "Gehuwd of samenwonend",
}
# The figures of one period's table, in the order the admin page shows them.
FIGURES: tuple[str, ...] = (
    "norm_single",
    "norm_single_parent",
    "norm_couple",
    "exemption_share",
    "exemption_max",
    "exemption_months",
)
FIGURE_LABELS: dict[str, str] = {
    "norm_single": "Bijstandsnorm alleenstaande",
    "norm_single_parent": "Bijstandsnorm alleenstaande ouder",
    "norm_couple": "Bijstandsnorm gehuwden of samenwonenden",
    "exemption_share": "Inkomstenvrijlating: deel van het netto loon",
    "exemption_max": "Inkomstenvrijlating: hoogstens per maand",
    "exemption_months": "Inkomstenvrijlating: aantal maanden",
}

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


def money(value: Decimal | int | str) -> Decimal:
    """Euros with two decimals, rounded half up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Parameters:
    """One period's table: the norms per household (net, per month, with vakantietoeslag) and the exemption."""

    period: date
    norms: dict[Household, Decimal]
    exemption_share: Decimal  # 0.25 = 25%
    exemption_max: Decimal  # euros per month
    exemption_months: int

    def norm(self, household: Household) -> Decimal:
        return money(self.norms[household])


@dataclass(frozen=True)
class Month:
    """The income in one month of the scenario."""

    exemption: Decimal
    benefit_left: Decimal
    with_work: Decimal
    within_exemption: bool


@dataclass(frozen=True)
class Outcome:
    """The answer to one scenario, per month, in euros."""

    household: Household
    on: date
    wage: Decimal
    without_work: Decimal
    earnings_exemption: Decimal
    benefit_left: Decimal
    with_work: Decimal
    difference: Decimal
    exemption_until: date | None  # the last day the exemption applies; None when it gives nothing
    after_from: date  # the first day without the exemption
    after_benefit_left: Decimal
    after_with_work: Decimal
    after_difference: Decimal
    leaves_bijstand: bool  # already with the exemption
    leaves_bijstand_after: bool


def net_from_hours(hours_per_week: Decimal, gross_hourly_wage: Decimal, net_factor: Decimal) -> Decimal:
    """An approximate net monthly wage: hours x 52 / 12 x gross hourly wage x the net factor.

    The factor stands for wage tax and premiums minus the tax credits at a low wage; it is an
    approximation (a payslip or the employer's offer says the real net wage).
    """
    return money(hours_per_week * WEEKS_PER_MONTH * gross_hourly_wage * net_factor)


def earnings_exemption(wage: Decimal, params: Parameters, *, within_months: bool = True) -> Decimal:
    """e = min(share x wage, cap) during the exemption's months, else 0 (never negative)."""
    if not within_months or params.exemption_months <= 0 or wage <= 0:
        return ZERO
    return money(min(money(wage * params.exemption_share), money(params.exemption_max)))


def benefit_left(wage: Decimal, norm: Decimal, exemption: Decimal) -> Decimal:
    """max(0, norm - (wage - e))."""
    return money(max(ZERO, norm - (wage - exemption)))


def month_of(wage: Decimal, norm: Decimal, params: Parameters, *, within_months: bool) -> Month:
    """One month's income, with or without the exemption."""
    exemption = earnings_exemption(wage, params, within_months=within_months)
    left = benefit_left(wage, norm, exemption)
    return Month(exemption, left, money(wage + left), within_months)


def scenario(household: Household, wage: Decimal, on: date, params: Parameters) -> Outcome:
    """What the net monthly wage from `on` does to the income, during and after the exemption."""
    wage = money(max(ZERO, wage))
    norm = params.norm(household)
    during = month_of(wage, norm, params, within_months=True)
    after = month_of(wage, norm, params, within_months=False)
    months = max(0, params.exemption_months)
    after_from = add_months(on, months)
    return Outcome(
        household=household,
        on=on,
        wage=wage,
        without_work=norm,
        earnings_exemption=during.exemption,
        benefit_left=during.benefit_left,
        with_work=during.with_work,
        difference=money(during.with_work - norm),
        exemption_until=after_from - timedelta(days=1) if during.exemption > 0 else None,
        after_from=after_from,
        after_benefit_left=after.benefit_left,
        after_with_work=after.with_work,
        after_difference=money(after.with_work - norm),
        leaves_bijstand=during.benefit_left == 0 and wage > 0,
        leaves_bijstand_after=after.benefit_left == 0 and wage > 0,
    )


def months_around_end(
    on: date, after_from: date, wage: Decimal, benefit: Decimal, benefit_after: Decimal, before: int = 3, after: int = 3
) -> list[tuple[date, Decimal, Decimal]]:
    """(first day of the month, bijstand, wage) for the last months with and the first without the exemption."""
    months = max(0, (after_from.year - on.year) * 12 + after_from.month - on.month)
    rows: list[tuple[date, Decimal, Decimal]] = []
    for index in range(max(0, months - before), months + after):
        day = add_months(on.replace(day=1), index)
        rows.append((day, benefit if index < months else benefit_after, wage))
    return rows
