from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.planning.history import PastSession
from rollcoach.safety.sharp_pain import REST_TODAY, SHARP_PAIN_ADVICE, after_sharp_pain

TODAY = date(2026, 12, 2)
JUDGEMENT = "product judgement: sharp pain means stop, easier until a session ends without it"


def past(days_ago: int, *, sharp: bool = False, completed: bool = True) -> PastSession:
    return PastSession(
        TODAY - timedelta(days=days_ago),
        completed and not sharp,
        4,
        4,
        sharp,
        ("lat-release",) if sharp else ("thoracic-spine-release",),
        seconds=600,
    )


@pytest.mark.parametrize(
    ("history", "rest_today", "easier", "source"),
    [
        ([], False, False, JUDGEMENT),
        ([past(1)], False, False, JUDGEMENT),
        ([past(0, sharp=True)], True, True, JUDGEMENT),
        ([past(1, sharp=True)], False, True, JUDGEMENT),
        # Ending the easier session early does not bring back the full plan.
        ([past(3, sharp=True), past(1, completed=False)], False, True, JUDGEMENT),
        ([past(3, sharp=True), past(1, completed=False), past(0)], False, False, JUDGEMENT),
        # A session finished without sharp pain brings the plan back.
        ([past(3, sharp=True), past(1)], False, False, JUDGEMENT),
        ([past(5, sharp=True), past(3), past(1, sharp=True)], False, True, JUDGEMENT),
        # Still no second session on the day of a stop, whatever came later that day.
        ([past(0, sharp=True), past(0)], True, False, JUDGEMENT),
        # The future does not count.
        ([past(-1, sharp=True)], False, False, JUDGEMENT),
    ],
)
def test_it_follows_a_sharp_pain_stop(
    history: list[PastSession], rest_today: bool, easier: bool, source: str
) -> None:
    after = after_sharp_pain(history, TODAY)
    assert (after.rest_today, after.easier) == (rest_today, easier)
    if easier:
        assert after.exercises == {"lat-release"}
        assert after.most_seconds == 600


@pytest.mark.parametrize(
    "words",
    [
        "Stop now",
        "Roll off the roller slowly",
        "rest",
        "Don't do that exercise again today",
        "30 minutes",
        "numbness",
        "weakness",
        "bladder or bowels",
        "emergency department",
        "next session will be gentler",
    ],
)
def test_it_says_what_to_do(words: str) -> None:
    assert words in SHARP_PAIN_ADVICE


@pytest.mark.parametrize(
    "words", ["no other session today", "30 minutes", "emergency department", "from tomorrow"]
)
def test_it_says_what_to_do_instead_today(words: str) -> None:
    assert words in REST_TODAY
