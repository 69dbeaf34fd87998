from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.outcomes.adherence import adherence_statement, weekly_sessions, weekly_targets
from rollcoach.outcomes.records import SessionRecord

MONDAY = date(2026, 3, 2)


def day(week: int, weekday: int = 0) -> date:
    return MONDAY + timedelta(weeks=week, days=weekday)


def done(*days: date, completed: bool = True) -> list[SessionRecord]:
    return [SessionRecord(d, completed) for d in days]


def test_it_counts_completed_sessions_per_week_up_to_this_week() -> None:
    records = done(day(0), day(0, 2), day(0, 6), day(2, 1)) + done(day(1), completed=False)
    weeks = weekly_sessions(records, 3, today=day(3, 2))
    assert [(w.week, w.done, w.planned, w.running) for w in weeks] == [
        (day(0), 3, 3, False),
        (day(1), 0, 3, False),
        (day(2), 1, 3, False),
        (day(3), 0, 3, True),
    ]


def test_it_shows_at_most_the_last_eight_weeks() -> None:
    weeks = weekly_sessions(done(day(0), day(12)), 2, today=day(12))
    assert len(weeks) == 8 and weeks[0].week == day(5) and weeks[-1].running


def test_it_has_nothing_to_show_without_a_completed_session() -> None:
    assert weekly_sessions(done(day(0), completed=False), 3, today=day(1)) == []


@pytest.mark.parametrize(
    "days, today, planned, statement",
    [
        ([], day(0), 3, "No completed sessions yet. Your plan asks for 3 a week."),
        ([day(0)], day(0, 3), 3, "This week so far: 1 of 3."),
        (
            [day(0), day(0, 2), day(1), day(1, 2), day(1, 4), day(2)],
            day(2, 1),
            3,
            "In the last 2 full weeks you did 5 of the 6 planned sessions (3 a week), and met "
            "the plan in 1 of 2 weeks. This week so far: 1 of 3.",
        ),
        (
            [day(0), day(0, 1), day(0, 2)],
            day(1),
            2,
            "In the last full week you did 3 sessions; the plan asked for 2 (2 a week), and met "
            "the plan in 1 of 1 week. This week so far: 0 of 2.",
        ),
    ],
)
def test_it_states_sessions_against_the_plan(
    days: list[date], today: date, planned: int, statement: str
) -> None:
    weeks = weekly_sessions(done(*days), planned, today)
    assert adherence_statement(weeks, planned) == statement


def test_it_takes_the_last_aim_set_in_each_week() -> None:
    aims = [(day(1, 4), 5), (day(0, 1), 2), (day(1, 0), 4), (day(3, 6), 3)]
    assert weekly_targets(aims) == {day(0): 2, day(1): 5, day(3): 3}


@pytest.mark.parametrize(
    "targets, planned, expected",
    [
        # No aims recorded (older data): every week against today's plan, as before.
        ({}, 3, [3, 3, 3, 3]),
        # Each week against its own aim; a week with none keeps the one before.
        ({day(0): 2, day(2): 4}, 3, [2, 2, 4, 3]),
        # An aim set before the first week shown still holds for it.
        ({day(-3): 5}, 3, [5, 5, 5, 3]),
        # This week is always against today's plan.
        ({day(3): 6}, 3, [3, 3, 3, 3]),
    ],
)
def test_it_measures_each_past_week_against_its_own_aim(
    targets: dict[date, int], planned: int, expected: list[int]
) -> None:
    weeks = weekly_sessions(done(day(0)), planned, day(3, 2), targets=targets)
    assert [w.planned for w in weeks] == expected


def test_it_states_sessions_against_aims_that_changed() -> None:
    targets = {day(0): 2, day(1): 4}
    days = [day(0), day(0, 2), day(1), day(1, 2), day(1, 4)]
    weeks = weekly_sessions(done(*days), 3, day(2, 1), targets=targets)
    assert adherence_statement(weeks, 3) == (
        "In the last 2 full weeks you did 5 of the 6 planned sessions (2 to 4 a week), and met "
        "the plan in 1 of 2 weeks. This week so far: 0 of 3."
    )
