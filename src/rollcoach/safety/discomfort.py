from __future__ import annotations

from rollcoach.safety.pain_score import validate_pain

# Rolling may feel strong, but above this (0-10) the person is told to ease off.
DISCOMFORT_CAP = 6
SOURCE = "product judgement (unsourced)"


def discomfort_ok(level: int) -> bool:
    return validate_pain(level) <= DISCOMFORT_CAP
