from __future__ import annotations

from collections.abc import Mapping, Sequence

from rollcoach.safety.redflags import Question, ScreenResult, screen

SOURCE = "NICE NG59 1.1.1: look again when symptoms are new or changed"


def check(questions: Sequence[Question], answers: Mapping[str, object]) -> ScreenResult:
    # Same rules as the onboarding screen: the highest yes decides, and gaps never clear.
    return screen(questions, answers)
