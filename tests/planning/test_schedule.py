from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.planning.schedule import weekly_schedule

MONDAY = date(2024, 1, 1)
DAY = {
    name: MONDAY + timedelta(days=i) for i, name in enumerate("Mon Tue Wed Thu Fri Sat Sun".split())
}


def days(names: str) -> list[date]:
    return [DAY[name] for name in names.split()]


@pytest.mark.parametrize(
    ("per_week", "expected"),
    [
        (1, "Mon"),
        (2, "Mon Thu"),
        (3, "Mon Wed Fri"),
        (4, "Mon Tue Thu Sat"),
        (5, "Mon Tue Wed Fri Sat"),
        (6, "Mon Tue Wed Thu Fri Sat"),
        (7, "Mon Tue Wed Thu Fri Sat Sun"),
    ],
)
def test_it_spreads_sessions_across_the_week(per_week: int, expected: str) -> None:
    assert weekly_schedule(per_week, MONDAY) == days(expected)


@pytest.mark.parametrize(
    ("per_week", "done", "expected"),
    [
        (3, "Mon", "Mon Wed Fri"),
        (3, "Tue", "Tue Thu Sat"),
        (3, "Mon Tue", "Mon Tue Thu"),
        (3, "Mon Wed Fri", "Mon Wed Fri"),
        (2, "Mon Tue Wed", "Mon Tue Wed"),
        (3, "Fri", "Fri Sat Sun"),  # too little week left to keep rest days
        (3, "Sat", "Sat Sun"),
        (2, "Sun", "Sun"),
        (2, "Thu", "Thu Sat"),
    ],
)
def test_it_plans_around_days_already_done(per_week: int, done: str, expected: str) -> None:
    assert weekly_schedule(per_week, MONDAY, days(done)) == days(expected)


def test_it_ignores_days_outside_the_week() -> None:
    elsewhere = [MONDAY - timedelta(days=1), MONDAY + timedelta(days=7)]
    assert weekly_schedule(3, MONDAY, elsewhere) == days("Mon Wed Fri")


@pytest.mark.parametrize("per_week", [0, 8, -1])
def test_it_refuses_impossible_weeks(per_week: int) -> None:
    with pytest.raises(ValueError, match="days per week"):
        weekly_schedule(per_week, MONDAY)


def test_it_is_deterministic() -> None:
    done = days("Tue Mon")
    assert weekly_schedule(4, MONDAY, done) == weekly_schedule(4, MONDAY, list(reversed(done)))
