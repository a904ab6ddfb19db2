"""The benefit-counselling arithmetic on its own: pure, no app (DOMAIN.md, *Benefit counselling*)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from carrousel.income.arithmetic import (
    HOUSEHOLDS,
    Parameters,
    earnings_exemption,
    money,
    months_around_end,
    net_from_hours,
    scenario,
)

ON = date(2026, 1, 15)

cents = st.integers(min_value=0, max_value=600_000).map(lambda c: Decimal(c) / 100)
households = st.sampled_from(HOUSEHOLDS)


@st.composite
def parameters(draw: st.DrawFn) -> Parameters:
    single = draw(st.integers(min_value=50_000, max_value=250_000)).__truediv__(100)
    couple = single + draw(st.integers(min_value=1, max_value=150_000)) / 100
    return Parameters(
        period=date(2026, 1, 1),
        norms={"single": Decimal(str(single)), "single_parent": Decimal(str(single)), "couple": Decimal(str(couple))},
        exemption_share=Decimal(draw(st.integers(min_value=0, max_value=100))) / 100,
        exemption_max=Decimal(draw(st.integers(min_value=0, max_value=60_000))) / 100,
        exemption_months=draw(st.integers(min_value=0, max_value=24)),
    )


SEEDED = Parameters(
    period=date(2026, 1, 1),
    norms={"single": Decimal("1398.53"), "single_parent": Decimal("1398.53"), "couple": Decimal("1997.90")},
    exemption_share=Decimal("0.25"),
    exemption_max=Decimal("269.00"),
    exemption_months=6,
)


@given(households, parameters())
def test_no_work_no_change(household: str, params: Parameters) -> None:
    outcome = scenario(household, Decimal(0), ON, params)  # type: ignore[arg-type]
    assert outcome.with_work == outcome.without_work == outcome.benefit_left
    assert outcome.difference == 0 and outcome.earnings_exemption == 0
    assert outcome.after_with_work == outcome.without_work
    assert not outcome.leaves_bijstand


@settings(max_examples=300)
@given(households, parameters(), cents, cents)
def test_total_never_falls_when_the_wage_rises(household: str, params: Parameters, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    first, second = (scenario(household, w, ON, params) for w in (low, high))  # type: ignore[arg-type]
    assert second.with_work >= first.with_work
    assert second.after_with_work >= first.after_with_work
    # total with work = max(wage, norm + e), and never below the bijstand without work
    assert first.with_work == max(first.wage, first.without_work + first.earnings_exemption)
    assert first.with_work >= first.without_work


@given(households, parameters(), cents)
def test_exemption_never_above_its_cap_nor_after_its_months(household: str, params: Parameters, wage: Decimal) -> None:
    outcome = scenario(household, wage, ON, params)  # type: ignore[arg-type]
    assert outcome.earnings_exemption <= money(params.exemption_max)
    assert outcome.earnings_exemption <= money(wage * params.exemption_share)
    assert earnings_exemption(wage, params, within_months=False) == 0
    assert outcome.after_with_work <= outcome.with_work  # after its months the exemption is gone
    if outcome.exemption_until is not None:
        assert outcome.exemption_until < outcome.after_from
        assert (outcome.after_from.year - ON.year) * 12 + outcome.after_from.month - ON.month == params.exemption_months
    rows = months_around_end(ON, outcome.after_from, outcome.wage, outcome.benefit_left, outcome.after_benefit_left)
    assert all(
        benefit == outcome.after_benefit_left for day, benefit, _ in rows if day >= outcome.after_from.replace(day=1)
    )


@given(parameters())
def test_couple_norm_above_single_norm(params: Parameters) -> None:
    assert params.norm("couple") > params.norm("single")
    assert (
        scenario("couple", Decimal(0), ON, params).without_work
        > scenario("single", Decimal(0), ON, params).without_work
    )


def test_seeded_figures_part_time_single() -> None:
    """800 net: 25% = 200 stays free, 1398.53 - 600 = 798.53 bijstand, 1598.53 in total; 1398.53 after six months."""
    outcome = scenario("single", Decimal("800"), ON, SEEDED)
    assert outcome.earnings_exemption == Decimal("200.00")
    assert outcome.benefit_left == Decimal("798.53")
    assert outcome.with_work == Decimal("1598.53")
    assert outcome.difference == Decimal("200.00")
    assert outcome.exemption_until == date(2026, 7, 14)
    assert outcome.after_from == date(2026, 7, 15)
    assert outcome.after_with_work == Decimal("1398.53")


def test_cap_and_leaving_the_bijstand() -> None:
    capped = scenario("single", Decimal("1200"), ON, SEEDED)
    assert capped.earnings_exemption == Decimal("269.00")  # 25% would be 300
    out = scenario("single", Decimal("1700"), ON, SEEDED)
    assert out.leaves_bijstand and out.benefit_left == 0 and out.with_work == Decimal("1700.00")
    edge = scenario("single", Decimal("1667.53"), ON, SEEDED)  # wage - e reaches the norm exactly
    assert edge.benefit_left == 0 and edge.leaves_bijstand


def test_hours_to_net_is_the_documented_approximation() -> None:
    # 20 h x 52 / 12 x 15.00 x 0.85 = 1105.00
    assert net_from_hours(Decimal(20), Decimal("15.00"), Decimal("0.85")) == Decimal("1105.00")
