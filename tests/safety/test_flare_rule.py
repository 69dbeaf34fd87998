from __future__ import annotations

import pytest

from rollcoach.safety.flare import FlareAdvice, SessionPain, flare_advice, flare_state
from rollcoach.safety.pain_score import PainScoreError

NONE, REGRESS, PAUSE = FlareAdvice.NONE, FlareAdvice.REGRESS, FlareAdvice.PAUSE
NPRS = "Childs 2005, Ostelo 2008: a change of 2 points matters"
JUDGEMENT = "product judgement"

CALM = SessionPain(4, 4)
FLARE = SessionPain(3, 5)
SHARP = SessionPain(None, None, sharp_pain=True)
UNSCORED = SessionPain(4, None)
HIGH_BEFORE = SessionPain(7, 7)  # above the 6/10 discomfort cap before rolling
LARGE = SessionPain(2, 6)  # a rise of 4
UNFINISHED_CALM = SessionPain(4, 4, completed=False)


@pytest.mark.parametrize(
    "session, flared, source",
    [
        (SessionPain(3, 4), False, NPRS),  # +1: not a flare
        (SessionPain(3, 5), True, NPRS),  # +2: the smallest flare
        (SessionPain(3, 9), True, NPRS),
        (SessionPain(6, 2), False, NPRS),
        (SessionPain(8, 10), True, NPRS),
        (SessionPain(3, 3, sharp_pain=True), True, JUDGEMENT),
        (SessionPain(None, 8), False, JUDGEMENT),  # no score before: a rise is unknown
        (SessionPain(2, None), False, JUDGEMENT),
        (SessionPain(None, None, sharp_pain=True), True, JUDGEMENT),
    ],
)
def test_it_spots_a_flare(session: SessionPain, flared: bool, source: str) -> None:
    assert session.flared is flared


@pytest.mark.parametrize(
    "history, advice, source",
    [
        ([], NONE, JUDGEMENT),
        ([CALM], NONE, JUDGEMENT),
        ([FLARE], REGRESS, NPRS),
        ([SHARP], REGRESS, JUDGEMENT),
        ([CALM, FLARE], REGRESS, NPRS),
        ([FLARE, CALM], NONE, NPRS),
        # Two flares in a row pause rolling, sharp-pain stops counting as flares.
        ([FLARE, FLARE], PAUSE, JUDGEMENT),
        ([SHARP, FLARE], PAUSE, JUDGEMENT),
        ([FLARE, SHARP], PAUSE, JUDGEMENT),
        ([SHARP, SHARP], PAUSE, JUDGEMENT),
        ([FLARE, CALM, FLARE], REGRESS, JUDGEMENT),
        ([CALM, FLARE, FLARE], PAUSE, JUDGEMENT),
        # Flares of several sizes: a large rise pauses at once, a small one regresses.
        ([SessionPain(3, 5)], REGRESS, NPRS),
        ([SessionPain(3, 6)], REGRESS, JUDGEMENT),
        ([LARGE], PAUSE, JUDGEMENT),
        ([SessionPain(0, 10)], PAUSE, JUDGEMENT),
        # Pain above the discomfort cap before a session pauses rolling, whatever came after.
        ([HIGH_BEFORE], PAUSE, JUDGEMENT),
        ([SessionPain(6, 6)], NONE, JUDGEMENT),
        ([SessionPain(7, None)], PAUSE, JUDGEMENT),
        # The pause lifts once a session begins within the cap, is finished and does not flare.
        ([FLARE, FLARE, CALM], NONE, JUDGEMENT),
        ([HIGH_BEFORE, CALM], NONE, JUDGEMENT),
        ([HIGH_BEFORE, UNFINISHED_CALM], PAUSE, JUDGEMENT),
        ([HIGH_BEFORE, SessionPain(4, 5)], NONE, NPRS),
        ([LARGE, FLARE], PAUSE, JUDGEMENT),
        ([LARGE, HIGH_BEFORE, CALM], NONE, JUDGEMENT),
        # Sessions without both scores are ignored: they neither flare nor break a run.
        ([UNSCORED], NONE, JUDGEMENT),
        ([FLARE, UNSCORED], REGRESS, JUDGEMENT),
        ([FLARE, UNSCORED, FLARE], PAUSE, JUDGEMENT),
        ([FLARE, UNSCORED, UNSCORED], REGRESS, JUDGEMENT),
        ([CALM, UNSCORED, FLARE], REGRESS, JUDGEMENT),
        ([FLARE, FLARE, UNSCORED], PAUSE, JUDGEMENT),
    ],
)
def test_it_advises_on_the_recent_run(
    history: list[SessionPain], advice: FlareAdvice, source: str
) -> None:
    assert flare_advice(history) is advice


@pytest.mark.parametrize(
    "history, words",
    [
        ([HIGH_BEFORE], "7/10 before your last session"),
        ([LARGE], "rose by 4 points"),
        ([FLARE, FLARE], "flared in your last two sessions"),
        ([FLARE], "flared in your last session"),
    ],
)
def test_it_says_why(history: list[SessionPain], words: str) -> None:
    assert words in flare_state(history).reason


@pytest.mark.parametrize("before, after", [(11, 3), (3, -1)])
def test_it_rejects_scores_off_the_scale(before: int, after: int) -> None:
    with pytest.raises(PainScoreError):
        SessionPain(before, after)
