"""The bar chart of the months around the end of the exemption, as server-side SVG (no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 64, 12, 16, 40


@dataclass
class Bar:
    label: str  # "mrt 2027"
    x: float
    width: float
    wage_y: float
    wage_h: float
    benefit_y: float
    benefit_h: float
    total: str  # "€ 1.512,30"
    within: bool  # the exemption still runs


@dataclass
class BarChart:
    title: str
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[str, float]] = field(default_factory=list)
    norm_y: float = 0.0
    norm_label: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM


def euro(value: Decimal | float | int) -> str:
    """1512.3 -> '€ 1.512,30'."""
    text = f"{Decimal(str(value)):,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def bar_chart(answer: dict[str, Any], months: list[tuple[date, Decimal, Decimal]]) -> BarChart:
    """Stacked bars: the net wage below, the bijstand on top; the norm as a dashed line."""
    norm = Decimal(str(answer["without_work"]))
    chart = BarChart("Inkomen per maand rond het einde van de inkomstenvrijlating")
    if not months:
        return chart
    top = max([norm] + [w + b for _, b, w in months] + [Decimal(1)]) * Decimal("1.1")
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(months)

    def height(value: Decimal) -> float:
        return round(float(value / top) * plot_h, 1)

    base = TOP + plot_h
    end = date.fromisoformat(answer["after_exemption"]["from"])
    for index, (day, benefit, wage) in enumerate(months):
        wage_h, benefit_h = height(wage), height(benefit)
        chart.bars.append(
            Bar(
                label=f"{MONTHS[day.month - 1]} {day.year}",
                x=round(LEFT + index * slot + slot * 0.15, 1),
                width=round(slot * 0.7, 1),
                wage_y=round(base - wage_h, 1),
                wage_h=wage_h,
                benefit_y=round(base - wage_h - benefit_h, 1),
                benefit_h=benefit_h,
                total=euro(wage + benefit),
                within=day < end.replace(day=1),
            )
        )
    for fraction in (Decimal(0), Decimal("0.5"), Decimal(1)):
        value = (top / Decimal("1.1")) * fraction
        chart.ticks.append((euro(round(value)), round(base - height(value), 1)))
    chart.norm_y = round(base - height(norm), 1)
    chart.norm_label = f"bijstand zonder werk {euro(norm)}"
    return chart
