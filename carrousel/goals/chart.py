"""Line charts of the goals over time as server-side SVG (the CSP allows no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..models import GoalSnapshot
from ..templating import dutch_date
from .measures import Figures

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 240, 60, 12, 20, 32


@dataclass
class Series:
    label: str
    css: str  # a class of style.css: the line's colour
    points: str  # "x,y x,y ..." for <polyline>


@dataclass
class Chart:
    id: str
    title: str
    series: list[Series] = field(default_factory=list)
    target: tuple[str, float] | None = None  # (label, y)
    ticks: list[tuple[str, float]] = field(default_factory=list)  # (label, y)
    first: str = ""
    last: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT


def percent(value: float | None) -> str:
    """0.8333 -> '83,3%': the Dutch decimal comma."""
    if value is None:
        return "–"
    return f"{value * 100:.1f}".replace(".", ",") + "%"


def _chart(
    chart_id: str,
    title: str,
    snapshots: list[GoalSnapshot],
    lines: list[tuple[str, str, str]],
    top: float,
    target: tuple[str, float] | None,
    as_share: bool,
) -> Chart:
    chart = Chart(chart_id, title)
    if not snapshots:
        return chart
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(snapshots) - 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - (value / top) * plot_h, 1) if top else TOP + plot_h

    for label, attribute, css in lines:
        points = " ".join(f"{round(LEFT + i * step, 1)},{y(getattr(s, attribute))}" for i, s in enumerate(snapshots))
        chart.series.append(Series(label, css, points))
    if target is not None:
        chart.target = (target[0], y(target[1]))
    for fraction in (0, 0.5, 1):
        value = top * fraction
        chart.ticks.append((percent(value) if as_share else str(round(value)), y(value)))
    chart.first, chart.last = dutch_date(snapshots[0].day), dutch_date(snapshots[-1].day)
    return chart


MIN_POINTS = 3  # below this a chart is a lone dot or a line: a sentence says more


def with_today(snapshots: list[GoalSnapshot], live: Figures, today: date) -> list[GoalSnapshot]:
    """The history with today's row made of the live figures, so each fact has one figure.

    The daily job freezes a day's snapshot when it runs; an organisation that connects later
    that day made the page say "12 van 12 · gehaald" beside a table row of 11. Today is not
    over: its row shows what the targets above are judged on (the live count). The stored
    snapshot is left as it is; a passed target is still judged on its day's snapshot.
    """
    row = GoalSnapshot(
        day=today,
        employers=live.employers,
        locations=live.locations,
        residents=live.residents,
        participating=live.participating,
        classified=live.classified,
        ontheffing=live.ontheffing,
        participation_share=live.participation_share,
        classified_share=live.classified_share,
        ontheffing_share=live.ontheffing_share,
    )
    return [s for s in snapshots if s.day < today] + [row]


def charts(snapshots: list[GoalSnapshot], goals: dict[str, Any]) -> list[Chart]:
    """One chart per goal; the target as a dashed line."""
    latest = max((t for t in goals["targets"]), key=lambda t: str(t["date"]), default=None)
    most = max([s.employers for s in snapshots] + [s.locations for s in snapshots] + [1])
    organisations_top = max(most, int(latest["employers"]) if latest else 0, int(latest["locations"]) if latest else 0)
    return [
        _chart(
            "grafiek-organisaties",
            "Aangesloten werkgevers en locaties",
            snapshots,
            [("Werkgevers", "employers", "line-a"), ("Locaties", "locations", "line-b")],
            organisations_top,
            (f"doel werkgevers {latest['employers']}", int(latest["employers"])) if latest else None,
            False,
        ),
        _chart(
            "grafiek-participatie",
            "Maatschappelijke participatie",
            snapshots,
            [("Aandeel", "participation_share", "line-a")],
            1.0,
            (f"doel {percent(float(goals['participation_share']))}", float(goals["participation_share"])),
            True,
        ),
        _chart(
            "grafiek-ingedeeld",
            "Ingedeeld in een route",
            snapshots,
            [("Aandeel", "classified_share", "line-a")],
            1.0,
            ("doel 100%", 1.0),
            True,
        ),
        _chart(
            "grafiek-ontheffing",
            "Aandeel ontheffingen",
            snapshots,
            [("Aandeel", "ontheffing_share", "line-b")],
            max([0.2, float(goals["ontheffing_benchmark"]) * 2] + [s.ontheffing_share for s in snapshots]),
            (f"benchmark {percent(float(goals['ontheffing_benchmark']))}", float(goals["ontheffing_benchmark"])),
            True,
        ),
    ]
