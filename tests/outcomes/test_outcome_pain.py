from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.outcomes.pain import (
    TOO_LITTLE,
    WeekPain,
    is_meaningful,
    limit_statement,
    meaningful_change,
    pain_trend,
    trend_statement,
    weekly_pain,
)
from rollcoach.outcomes.records import PainRecord, SessionRecord

MONDAY = date(2026, 3, 2)


def week(n: int, day: int = 0) -> date:
    return MONDAY + timedelta(weeks=n, days=day)


def weeks_of(*averages: float) -> list[WeekPain]:
    return [WeekPain(week(i), average, False) for i, average in enumerate(averages)]


@pytest.mark.parametrize(
    "baseline, smallest",
    [(10, 2), (8, 2), (6.7, 2), (6, 1.8), (5, 1.5), (4, 1.2), (1, 0.3), (0, 2)],
)
def test_it_takes_the_smaller_of_2_points_and_30_percent(baseline: float, smallest: float) -> None:
    assert meaningful_change(baseline) == pytest.approx(smallest)


@pytest.mark.parametrize(
    "baseline, change, meaningful",
    [
        (8, -2, True),
        (8, -1.9, False),
        (8, 2, True),
        (5, -1.5, True),
        (5, -1.4, False),
        (4, -1.2, True),
        (4, -1.1, False),
        (10, -3, True),
        (3, -0.9, True),
        (0, 1.9, False),
        (0, 2, True),
        (6, 0, False),
    ],
)
def test_it_judges_a_change_by_the_brief_threshold(
    baseline: float, change: float, meaningful: bool
) -> None:
    assert is_meaningful(baseline, change) is meaningful


@pytest.mark.parametrize(
    "averages, statement",
    [
        ((), TOO_LITTLE),
        ((6,), f"You started at 6 out of 10. {TOO_LITTLE}"),
        (
            (7, 6, 4.5),
            "Your average pain fell 2.5 points since you started: a change that matters.",
        ),
        (
            (7, 6),
            "Your average pain fell 1 point since you started: not yet a clear change "
            "(a change that matters is 2 points or 30 %).",
        ),
        (
            (4, 2.8),
            "Your average pain fell 1.2 points since you started: a change that matters.",
        ),
        (
            (5, 7),
            "Your average pain rose 2 points since you started: a change that matters.",
        ),
        (
            (6, 7),
            "Your average pain rose 1 point since you started: not yet a clear change "
            "(a change that matters is 2 points or 30 %).",
        ),
        ((5, 5), "Your average pain is the same as when you started: 5 out of 10."),
        (
            (8, 8, 7, 7, 7),
            "Your average pain fell 1 point since you started: not yet a clear change "
            "(a change that matters is 2 points or 30 %). After about a month without a clear "
            "improvement, book a review with a GP or physio.",
        ),
        (
            (8, 7, 6, 5, 4),
            "Your average pain fell 4 points since you started: a change that matters.",
        ),
    ],
)
def test_it_states_the_trend_in_plain_words(averages: tuple[float, ...], statement: str) -> None:
    assert trend_statement(weeks_of(*averages)) == statement


def test_it_uses_the_first_week_as_baseline_and_the_latest_as_current() -> None:
    trend = pain_trend(weeks_of(6, 9, 3))
    assert trend is not None
    assert (trend.baseline, trend.current, trend.change, trend.meaningful) == (6, 3, -3, True)
    assert trend.band == (pytest.approx(4.2), pytest.approx(7.8))


def test_it_judges_the_change_as_shown_rounded_to_one_decimal() -> None:
    # 6.0 -> 4.0333 is shown as a fall of 2 points, and 2 points is a change that matters.
    trend = pain_trend([WeekPain(week(0), 6, False), WeekPain(week(1), 4.0333, True)])
    assert trend is not None and trend.change == -2 and trend.meaningful


def test_it_keeps_the_band_inside_the_scale() -> None:
    trend = pain_trend(weeks_of(9.5, 9))
    assert trend is not None and trend.band == (7.5, 10.0)


@pytest.mark.parametrize(
    "ratings, befores, expected",
    [
        # Weekly ratings win over session scores in the same week.
        ([(0, 0, 6)], [(0, 1, 8)], [(week(0), 6, False)]),
        # A week without a rating falls back on the scores taken before sessions.
        ([(0, 0, 6)], [(1, 2, 4), (1, 4, 5)], [(week(0), 6, False), (week(1), 4.5, True)]),
        # Two ratings in one week are averaged; Sunday belongs to the week that began Monday.
        ([(0, 0, 6), (0, 6, 3)], [], [(week(0), 4.5, False)]),
        # A session without a before score gives nothing.
        ([], [(0, 0, None)], []),
        ([], [], []),
    ],
)
def test_it_averages_pain_by_week(
    ratings: list[tuple[int, int, int]],
    befores: list[tuple[int, int, int | None]],
    expected: list[tuple[date, float, bool]],
) -> None:
    weeks = weekly_pain(
        [PainRecord(week(w, d), v) for w, d, v in ratings],
        [SessionRecord(week(w, d), True, pain_before=v) for w, d, v in befores],
    )
    assert [(w.week, w.average, w.from_sessions) for w in weeks] == expected


@pytest.mark.parametrize(
    "values, statement",
    [
        ([], ""),
        ([6], "How much pain limited your day: 6 out of 10 so far."),
        ([6, 5, 3], "How much pain limited your day: 6 out of 10 at first, 3 at the latest."),
    ],
)
def test_it_reports_the_limit_item_without_claiming_a_change(
    values: list[int], statement: str
) -> None:
    ratings = [PainRecord(week(i), v) for i, v in enumerate(values)]
    assert limit_statement(list(reversed(ratings))) == statement


@pytest.mark.parametrize("value", [-1, 11])
def test_it_refuses_a_score_off_the_scale(value: int) -> None:
    with pytest.raises(ValueError, match="from 0 to 10"):
        PainRecord(MONDAY, value)
