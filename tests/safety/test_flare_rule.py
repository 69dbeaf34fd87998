from __future__ import annotations

import pytest

from rollcoach.safety.flare import FlareAdvice, SessionPain, flare_advice
from rollcoach.safety.pain_score import PainScoreError

NONE, REGRESS, SEE = FlareAdvice.NONE, FlareAdvice.REGRESS, FlareAdvice.SEE_CLINICIAN

CALM = SessionPain(4, 4)
FLARE = SessionPain(3, 5)
SHARP = SessionPain(None, None, sharp_pain=True)
UNSCORED = SessionPain(4, None)


@pytest.mark.parametrize(
    "session, flared",
    [
        (SessionPain(3, 4), False),  # +1: not a flare
        (SessionPain(3, 5), True),  # +2: the smallest flare
        (SessionPain(3, 9), True),
        (SessionPain(6, 2), False),
        (SessionPain(8, 10), True),
        (SessionPain(3, 3, sharp_pain=True), True),
        (SessionPain(None, 8), False),
        (SessionPain(2, None), False),
        (SessionPain(None, None, sharp_pain=True), True),
    ],
)
def test_it_spots_a_flare(session: SessionPain, flared: bool) -> None:
    assert session.flared is flared


@pytest.mark.parametrize(
    "history, advice",
    [
        ([], NONE),
        ([CALM], NONE),
        ([FLARE], REGRESS),
        ([SHARP], REGRESS),
        ([CALM, FLARE], REGRESS),
        ([FLARE, CALM], NONE),
        ([FLARE, FLARE], SEE),
        ([SHARP, FLARE], SEE),
        ([FLARE, SHARP], SEE),
        ([FLARE, CALM, FLARE], REGRESS),
        ([CALM, FLARE, FLARE], SEE),
        # Sessions without both scores are ignored: they neither flare nor break a run.
        ([UNSCORED], NONE),
        ([FLARE, UNSCORED], REGRESS),
        ([FLARE, UNSCORED, FLARE], SEE),
        ([FLARE, UNSCORED, UNSCORED], REGRESS),
        ([CALM, UNSCORED, FLARE], REGRESS),
    ],
)
def test_it_advises_on_the_recent_run(history: list[SessionPain], advice: FlareAdvice) -> None:
    assert flare_advice(history) is advice


@pytest.mark.parametrize("before, after", [(11, 3), (3, -1)])
def test_it_rejects_scores_off_the_scale(before: int, after: int) -> None:
    with pytest.raises(PainScoreError):
        SessionPain(before, after)
