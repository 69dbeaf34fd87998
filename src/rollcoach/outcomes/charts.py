"""Geometry for the progress charts: data in, coordinates out; the templates only draw."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rollcoach.outcomes.adherence import WeekSessions
from rollcoach.outcomes.mobility import MobilityTrend
from rollcoach.outcomes.pain import PainTrend, SessionChange, WeekPain

# Sized near a phone's width so the labels stay readable there without scaling down much.
WIDTH, HEIGHT = 340, 210
LEFT, RIGHT, TOP, BOTTOM = 30, 18, 12, 28
PAD = 14  # keeps the first and last point off the frame's edges
MAX_X_LABELS = 4
SESSIONS_SHOWN = 20
INSIDE_LABEL = 20  # a bar at least this tall carries its count inside


def short_date(day: date) -> str:
    return f"{day.day} {day:%b}"


@dataclass(frozen=True)
class Scale:
    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1
        return round(self.start + (value - self.lo) * (self.end - self.start) / span, 1)


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class Frame:
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _slot(count: int) -> float:
    return (WIDTH - RIGHT - LEFT) / max(count, 1)


def _index_scale(count: int) -> Scale:
    # Equal slots, each point in the middle of its own: one point is centred and bars fit.
    slot = _slot(count)
    steps = max(count - 1, 1)
    return Scale(0, steps, LEFT + slot / 2, LEFT + slot / 2 + slot * steps)


def _time_scale(days: Sequence[date]) -> Scale:
    """Positions by date, so a gap of weeks without a score shows as a gap."""
    first, last = days[0].toordinal(), days[-1].toordinal()
    if first == last:
        middle = (LEFT + WIDTH - RIGHT) / 2
        return Scale(first - 1, first + 1, middle - 1, middle + 1)
    return Scale(first, last, LEFT + PAD, WIDTH - RIGHT - PAD)


def _spread(count: int) -> list[int]:
    """Up to MAX_X_LABELS indexes, always the first and the last."""
    if count <= MAX_X_LABELS:
        return list(range(count))
    step = (count - 1) / (MAX_X_LABELS - 1)
    return sorted({round(i * step) for i in range(MAX_X_LABELS)})


def _index_ticks(days: Sequence[date], x: Scale) -> list[Tick]:
    return [Tick(x(i), short_date(days[i])) for i in _spread(len(days))]


def _time_ticks(days: Sequence[date], x: Scale) -> list[Tick]:
    unique = sorted(set(days))
    return [Tick(x(unique[i].toordinal()), short_date(unique[i])) for i in _spread(len(unique))]


def _pain_scale() -> tuple[Scale, list[Tick]]:
    y = Scale(0, 10, HEIGHT - BOTTOM, TOP)
    return y, [Tick(y(v), str(v)) for v in range(0, 11, 2)]


@dataclass(frozen=True)
class Pair:
    x: float
    before: float
    after: float
    day: date
    change: int


@dataclass(frozen=True)
class SessionPainChart:
    frame: Frame
    pairs: list[Pair]


def session_pain_chart(changes: list[SessionChange]) -> SessionPainChart:
    shown = changes[-SESSIONS_SHOWN:]
    x = _index_scale(len(shown))
    y, y_ticks = _pain_scale()
    pairs = [Pair(x(i), y(c.before), y(c.after), c.day, c.change) for i, c in enumerate(shown)]
    return SessionPainChart(Frame(y_ticks, _index_ticks([c.day for c in shown], x)), pairs)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    hollow: bool = False  # drawn open: an estimate rather than a direct score


def _path(points: Sequence[Point]) -> str:
    return " ".join(f"{p.x},{p.y}" for p in points)


@dataclass(frozen=True)
class WeeklyPainChart:
    frame: Frame
    points: list[Point]
    baseline: float | None = None  # y of the baseline line
    band: tuple[float, float] | None = None  # top and bottom y of the no-clear-change band

    @property
    def line(self) -> str:
        return _path(self.points)

    @property
    def has_hollow(self) -> bool:
        return any(p.hollow for p in self.points)


def weekly_pain_chart(weeks: list[WeekPain], trend: PainTrend | None) -> WeeklyPainChart:
    if not weeks:
        return WeeklyPainChart(Frame([], []), [])
    days = [w.week for w in weeks]
    x = _time_scale(days)
    y, y_ticks = _pain_scale()
    points = [Point(x(w.week.toordinal()), y(w.average), w.from_sessions) for w in weeks]
    frame = Frame(y_ticks, _time_ticks(days, x))
    if trend is None:
        return WeeklyPainChart(frame, points)
    low, high = trend.band
    return WeeklyPainChart(frame, points, y(trend.baseline), (y(high), y(low)))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    week: WeekSessions

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_inside(self) -> bool:
        return self.height >= INSIDE_LABEL

    @property
    def label_y(self) -> float:
        return round(self.y + 15 if self.label_inside else self.y - 5, 1)


@dataclass(frozen=True)
class SessionsChart:
    frame: Frame
    bars: list[Bar]
    target: float  # y of this week's aim
    target_path: str  # the aim of each week across its own slot: a step where it changed


def sessions_chart(weeks: list[WeekSessions], planned: int) -> SessionsChart:
    # Headroom above the plan's line, so a bar that meets it still shows where it sits.
    top = max([planned + 1, 3, *(w.done for w in weeks), *(w.planned + 1 for w in weeks)])
    y = Scale(0, top, HEIGHT - BOTTOM, TOP)
    x = _index_scale(len(weeks))
    slot = _slot(len(weeks))
    width = round(min(slot * 0.6, 40), 1)
    bars = [
        Bar(round(x(i) - width / 2, 1), y(w.done), width, round(y(0) - y(w.done), 1), w)
        for i, w in enumerate(weeks)
    ]
    step = 1 if top <= 8 else 2
    ticks = [Tick(y(v), str(v)) for v in range(0, top + 1, step)]
    steps = [f"M{LEFT} {y(weeks[0].planned) if weeks else y(planned)}"]
    for i, w in enumerate(weeks):
        steps.append(f"V{y(w.planned)}H{round(x(i) + slot / 2, 1)}")
    frame = Frame(ticks, _index_ticks([w.week for w in weeks], x))
    return SessionsChart(frame, bars, y(planned), "".join(steps))


def nice_step(span: float, ticks: int = 5) -> float:
    raw = max(span, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


@dataclass(frozen=True)
class Line:
    side: str
    points: list[Point]

    @property
    def path(self) -> str:
        return _path(self.points)


@dataclass(frozen=True)
class MobilityChart:
    trend: MobilityTrend
    frame: Frame
    lines: list[Line] = field(default_factory=list)
    # The first score plus and minus the smallest real change: top and bottom y.
    band: tuple[float, float] | None = None


def mobility_chart(trend: MobilityTrend) -> MobilityChart:
    items = trend.measurements
    margin = trend.test.real_change.value
    first = items[0].value
    values = [m.value for m in items] + [m.right for m in items if m.right is not None]
    values += [first - margin, first + margin]
    step = nice_step(max(values) - min(values))
    lo = math.floor(min(values) / step) * step
    hi = math.ceil(max(values) / step) * step
    y = Scale(lo, hi, HEIGHT - BOTTOM, TOP)
    days = [m.day for m in items]
    x = _time_scale(days)
    side = "left" if trend.test.two_sided else ""
    lines = [Line(side, [Point(x(m.day.toordinal()), y(m.value)) for m in items])]
    rights = [Point(x(m.day.toordinal()), y(m.right)) for m in items if m.right is not None]
    if rights:
        lines.append(Line("right", rights))
    count = round((hi - lo) / step)
    ticks = [Tick(y(lo + i * step), f"{round(lo + i * step, 6):g}") for i in range(count + 1)]
    frame = Frame(ticks, _time_ticks(days, x))
    return MobilityChart(trend, frame, lines, (y(first + margin), y(first - margin)))
