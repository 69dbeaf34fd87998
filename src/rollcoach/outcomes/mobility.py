from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rollcoach.outcomes.records import Measurement
from rollcoach.outcomes.thresholds import SELF_TESTS, SelfTest, SelfTestId
from rollcoach.outcomes.wording import number

AGAIN = "Measure again in a week or two to see a trend."


@dataclass(frozen=True)
class SideTrend:
    side: str  # "left", "right", or "" for one-sided tests
    first: float
    latest: float

    @property
    def change(self) -> float:
        return round(self.latest - self.first, 1)


def is_real(test: SelfTest, change: float) -> bool:
    # Only a change beyond the smallest real change can be told apart from measurement error.
    return round(abs(change), 6) > test.real_change.value


def _direction(test: SelfTest, change: float) -> str:
    better = (change > 0) == test.higher_is_better
    return "better" if better else "worse"


@dataclass(frozen=True)
class MobilityTrend:
    test: SelfTest
    measurements: list[Measurement]  # oldest first
    sides: list[SideTrend]

    @property
    def real(self) -> list[SideTrend]:
        return [s for s in self.sides if s.change and is_real(self.test, s.change)]

    @property
    def statement(self) -> str:
        return f"{self.test.name}: {self.summary}"

    @property
    def summary(self) -> str:
        test, unit = self.test, self.test.unit
        limit = f"{number(test.real_change.value)} {unit}"
        if len(self.measurements) < 2:
            latest = self.measurements[-1]
            if test.two_sided and latest.right is not None:
                shown = f"left {number(latest.value)}, right {number(latest.right)} {unit}"
            else:
                shown = f"{number(latest.value)} {unit}"
            return f"one measurement so far ({shown}). {AGAIN}"
        parts = []
        for side in self.sides:
            label = f"{side.side} " if side.side else ""
            moved = f"{label}from {number(side.first)} to {number(side.latest)} {unit}"
            if not side.change:
                parts.append(f"{label}{number(side.latest)} {unit}, no change")
            elif is_real(test, side.change):
                parts.append(f"{moved}, {number(abs(side.change))} {_direction(test, side.change)}")
            else:
                parts.append(
                    f"{moved} ({number(abs(side.change))} {_direction(test, side.change)})"
                )
        verdict = (
            f"A real change: more than the {limit} a re-test can differ by."
            if self.real
            else f"Not yet a clear change: a re-test can differ by up to {limit}."
        )
        if self.real and len(self.real) < len(self.sides):
            sides = " and ".join(s.side for s in self.real)
            verdict = (
                f"A real change on the {sides}: more than the {limit} a re-test can differ by."
            )
        return f"{'; '.join(parts)}. {verdict}"


def _sides(test: SelfTest, items: list[Measurement]) -> list[SideTrend]:
    if not test.two_sided:
        return [SideTrend("", items[0].value, items[-1].value)]
    sides = [SideTrend("left", items[0].value, items[-1].value)]
    rights = [m.right for m in items if m.right is not None]
    if rights:
        sides.append(SideTrend("right", rights[0], rights[-1]))
    return sides


def mobility_trends(measurements: Iterable[Measurement]) -> list[MobilityTrend]:
    """One trend per self-test that has any measurement, in the order of SELF_TESTS."""
    by_test: dict[str, list[Measurement]] = {}
    for item in sorted(measurements, key=lambda m: m.day):
        by_test.setdefault(item.test, []).append(item)
    trends = []
    for test_id, test in SELF_TESTS.items():
        items = by_test.get(SelfTestId(test_id).value)
        if items:
            trends.append(MobilityTrend(test, items, _sides(test, items)))
    return trends
