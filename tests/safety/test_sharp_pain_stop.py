from __future__ import annotations

import pytest

from rollcoach.safety.sharp_pain import SHARP_PAIN_ADVICE, sharp_pain_stop


@pytest.mark.parametrize("slug", ["thoracic-extension", None])
def test_it_stops_and_regresses(slug: str | None) -> None:
    outcome = sharp_pain_stop(slug)
    assert outcome.advice == SHARP_PAIN_ADVICE
    assert outcome.regress_next is True
    assert outcome.event == "sharp-pain"
    assert outcome.exercise_slug == slug


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
