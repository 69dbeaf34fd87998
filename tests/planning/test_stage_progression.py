from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.planning.history import PastSession
from rollcoach.planning.pace import MIN_DAYS_AT_STAGE, SESSIONS_TO_ADVANCE
from rollcoach.planning.progression import assess

TODAY = date(2024, 3, 1)
PACE = "product judgement (planning/pace.py): 3 good days and a week at each stage"
NPRS = "Childs 2005, Ostelo 2008: a rise of 2 points matters"
JUDGEMENT = "product judgement"

# Shorthand for one past session each.
GOOD = (True, 4, 3, False)  # completed, pain before, pain after, sharp pain
SAME = (True, 4, 4, False)
UNRATED = (True, None, None, False)
HALF_RATED = (True, 4, None, False)
WORSE_BY_ONE = (True, 3, 4, False)
FLARE = (True, 3, 5, False)
SHARP = (False, 3, 3, True)
UNFINISHED = (False, 4, 4, False)

Row = tuple[bool, int | None, int | None, bool]


def history(rows: list[Row], every: int = 3) -> list[PastSession]:
    """One session every `every` days, the last of them before TODAY."""
    start = TODAY - timedelta(days=every * len(rows))
    return [
        PastSession(start + timedelta(days=every * i), completed, before, after, sharp)
        for i, (completed, before, after, sharp) in enumerate(rows)
    ]


@pytest.mark.parametrize(
    ("rows", "stage", "source"),
    [
        ([], 0, PACE),
        ([GOOD] * 2, 0, PACE),
        ([GOOD] * 3, 0, PACE),  # days 0, 3 and 6: three good days, but not yet a week
        ([GOOD] * 4, 1, PACE),  # day 9
        ([GOOD, SAME, WORSE_BY_ONE, GOOD], 1, NPRS),  # a rise of 1 is within the threshold
        ([GOOD] * 6, 1, PACE),
        ([GOOD] * 7, 2, PACE),  # day 18: a second week, three more good days
        ([GOOD] * 15, 4, PACE),
        ([GOOD] * 30, 4, PACE),
        # Missing scores are unknown, never good: they do not count towards a stage.
        ([GOOD, UNRATED, GOOD], 0, JUDGEMENT),
        ([GOOD, UNRATED, GOOD, GOOD], 1, JUDGEMENT),
        ([GOOD, HALF_RATED, HALF_RATED], 0, JUDGEMENT),
        ([UNRATED] * 9, 0, JUDGEMENT),
        ([GOOD] * 4 + [UNFINISHED] + [GOOD] * 2, 1, PACE),
        ([GOOD] * 3 + [UNFINISHED] + [GOOD] * 2, 0, PACE),
        ([GOOD] * 3 + [FLARE], 0, NPRS),
        ([GOOD] * 7 + [SHARP], 1, JUDGEMENT),
        ([FLARE], 0, NPRS),
        ([GOOD] * 3 + [FLARE] + [GOOD] * 3, 1, PACE),
        ([GOOD] * 9 + [FLARE, FLARE], 0, JUDGEMENT),
        ([GOOD] * 9 + [FLARE, SHARP], 0, JUDGEMENT),
        ([GOOD] * 9 + [FLARE, GOOD], 1, PACE),
        ([GOOD] * 9 + [(True, 7, 7, False)], 0, JUDGEMENT),  # begun above the 6/10 cap: paused
    ],
)
def test_it_sets_the_stage_from_history(rows: list[Row], stage: int, source: str) -> None:
    assert assess(history(rows), TODAY).stage == stage


def test_it_counts_at_most_one_session_a_day() -> None:
    # Three good sessions in one afternoon are one good day.
    same_day = [PastSession(TODAY, True, 4, 3) for _ in range(3)]
    assert assess(same_day, TODAY).stage == 0
    assert SESSIONS_TO_ADVANCE > 1


def test_it_counts_a_setback_on_a_day_with_good_sessions_too() -> None:
    days = history([GOOD] * 3)
    worse = PastSession(days[-1].day, True, 3, 6)
    assert assess([*days, worse], TODAY).stage == 0


@pytest.mark.parametrize(("every", "stage"), [(1, 1), (2, 1), (3, 1)])
def test_it_needs_a_week_at_a_stage_however_often_one_rolls(every: int, stage: int) -> None:
    # Daily good sessions: 3 good days, but the first stage waits until a week has passed.
    rows = [GOOD] * (MIN_DAYS_AT_STAGE + 1)
    assert assess(history(rows, every=every), TODAY).stage >= stage
    assert assess(history([GOOD] * 3, every=1), TODAY).stage == 0


@pytest.mark.parametrize(
    ("rows", "paused"),
    [
        ([FLARE, FLARE], True),
        ([SHARP, FLARE], True),
        ([FLARE, GOOD, FLARE], False),
        ([FLARE], False),
    ],
)
def test_it_spots_two_setbacks_in_a_row(rows: list[Row], paused: bool) -> None:
    assert assess(history(rows), TODAY).flare.paused is paused


def test_it_reads_history_in_date_order_and_ignores_the_future() -> None:
    sessions = history([GOOD] * 4)
    future = PastSession(TODAY + timedelta(days=1), True, 2, 8)
    progress = assess([future, *reversed(sessions)], TODAY)
    assert progress.stage == 1
    assert progress.last == sessions[-1]
    assert progress.stage_since == sessions[-1].day


def test_it_names_the_exercises_of_a_sharp_pain_stop() -> None:
    last = PastSession(TODAY, False, 3, 6, sharp_pain=True, exercises=("lat-roll",))
    assert assess([last], TODAY).sharp_pain_exercises == {"lat-roll"}
    calm = PastSession(TODAY, True, 3, 3, exercises=("lat-roll",))
    assert assess([calm], TODAY).sharp_pain_exercises == frozenset()


@pytest.mark.parametrize(
    ("before", "after", "flare", "tolerated"),
    [
        (3, 5, True, False),
        (3, 4, False, True),
        (3, 3, False, True),
        (None, 9, False, False),  # unknown, never good
        (4, None, False, False),
    ],
)
def test_it_reads_pain_change(
    before: int | None, after: int | None, flare: bool, tolerated: bool
) -> None:
    session = PastSession(TODAY, True, before, after)
    assert (session.flare, session.well_tolerated) == (flare, tolerated)


@pytest.mark.parametrize(("before", "after"), [(11, 2), (-1, 2), (2, 11)])
def test_it_refuses_pain_outside_zero_to_ten(before: int, after: int) -> None:
    with pytest.raises(ValueError, match="pain"):
        PastSession(TODAY, True, before, after)
