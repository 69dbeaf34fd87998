from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rollcoach.planning.history import PastSession

MAX_STAGE = 4
SESSIONS_TO_PROGRESS = 3  # progression speed is a product judgement, kept deliberately slow


@dataclass(frozen=True)
class Progress:
    stage: int
    last: PastSession | None  # the most recent session before today's plan
    repeated_setbacks: bool  # the last two sessions both flared or ended in sharp pain

    @property
    def sharp_pain_exercises(self) -> frozenset[str]:
        if self.last is None or not self.last.sharp_pain:
            return frozenset()
        return frozenset(self.last.exercises)


def assess(history: Sequence[PastSession], today: date) -> Progress:
    past = sorted((s for s in history if s.day <= today), key=lambda s: s.day)
    stage = streak = 0
    for session in past:
        if session.setback:
            stage, streak = max(0, stage - 1), 0
        elif session.well_tolerated:
            streak += 1
            if streak == SESSIONS_TO_PROGRESS:
                stage, streak = min(MAX_STAGE, stage + 1), 0
        else:
            streak = 0  # an unfinished or uncomfortable session breaks the run
    repeated = len(past) >= 2 and past[-1].setback and past[-2].setback
    return Progress(
        stage=0 if repeated else stage,
        last=past[-1] if past else None,
        repeated_setbacks=repeated,
    )
