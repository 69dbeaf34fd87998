from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.planning.history import PastSession
from rollcoach.planning.progression import assess

TODAY = date(2024, 3, 1)

# Shorthand for one past session each.
GOOD = (True, 4, 3, False)  # completed, pain before, pain after, sharp pain
SAME = (True, 4, 4, False)
UNRATED = (True, None, None, False)
WORSE_BY_ONE = (True, 3, 4, False)
FLARE = (True, 3, 5, False)
SHARP = (False, 3, 3, True)
UNFINISHED = (False, 4, 4, False)

Row = tuple[bool, int | None, int | None, bool]


def history(rows: list[Row]) -> list[PastSession]:
    start = TODAY - timedelta(days=2 * len(rows))
    return [
        PastSession(start + timedelta(days=2 * i), completed, before, after, sharp)
        for i, (completed, before, after, sharp) in enumerate(rows)
    ]


@pytest.mark.parametrize(
    ("rows", "stage"),
    [
        ([], 0),
        ([GOOD] * 2, 0),
        ([GOOD] * 3, 1),
        ([GOOD, SAME, UNRATED], 1),
        ([GOOD] * 6, 2),
        ([GOOD] * 15, 4),
        ([GOOD] * 3 + [UNFINISHED] + [GOOD] * 2, 1),
        ([GOOD] * 2 + [UNFINISHED] + [GOOD] * 2, 0),
        ([WORSE_BY_ONE] * 3, 0),
        ([GOOD] * 3 + [FLARE], 0),
        ([GOOD] * 6 + [SHARP], 1),
        ([FLARE], 0),
        ([GOOD] * 3 + [FLARE] + [GOOD] * 3, 1),
        ([GOOD] * 9 + [FLARE, FLARE], 0),
        ([GOOD] * 9 + [FLARE, SHARP], 0),
        ([GOOD] * 9 + [FLARE, GOOD], 2),
    ],
)
def test_it_sets_the_stage_from_history(rows: list[Row], stage: int) -> None:
    assert assess(history(rows), TODAY).stage == stage


@pytest.mark.parametrize(
    ("rows", "repeated"),
    [
        ([FLARE, FLARE], True),
        ([SHARP, FLARE], True),
        ([FLARE, GOOD, FLARE], False),
        ([FLARE], False),
    ],
)
def test_it_spots_two_setbacks_in_a_row(rows: list[Row], repeated: bool) -> None:
    assert assess(history(rows), TODAY).repeated_setbacks is repeated


def test_it_reads_history_in_date_order_and_ignores_the_future() -> None:
    sessions = history([GOOD] * 3)
    future = PastSession(TODAY + timedelta(days=1), True, 2, 8)
    progress = assess([future, *reversed(sessions)], TODAY)
    assert progress.stage == 1
    assert progress.last == sessions[-1]


def test_it_names_the_exercises_of_a_sharp_pain_stop() -> None:
    last = PastSession(TODAY, False, 3, 6, sharp_pain=True, exercises=("lat-roll",))
    assert assess([last], TODAY).sharp_pain_exercises == {"lat-roll"}
    calm = PastSession(TODAY, True, 3, 3, exercises=("lat-roll",))
    assert assess([calm], TODAY).sharp_pain_exercises == frozenset()


@pytest.mark.parametrize(
    ("before", "after", "flare", "tolerated"),
    [(3, 5, True, False), (3, 4, False, False), (3, 3, False, True), (None, 9, False, True)],
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
