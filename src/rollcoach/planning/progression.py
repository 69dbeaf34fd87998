from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from rollcoach.planning.history import PastSession
from rollcoach.planning.pace import MAX_STAGE, MIN_DAYS_AT_STAGE, SESSIONS_TO_ADVANCE
from rollcoach.safety.flare import FlareAdvice, FlareState, flare_state, recent_flare_state
from rollcoach.safety.sharp_pain import (
    AfterSharpPain,
    after_sharp_pain,
    recent_after_sharp_pain,
)


@dataclass(frozen=True)
class Progress:
    stage: int
    last: PastSession | None  # the most recent session before today's plan
    flare: FlareState = field(default_factory=lambda: flare_state([]))
    stage_since: date | None = None  # the day the current stage began
    after_sharp_pain: AfterSharpPain = field(default_factory=AfterSharpPain)

    @property
    def repeated_setbacks(self) -> bool:
        return self.flare.paused

    @property
    def easier(self) -> bool:
        """The plan keeps to the easiest versions: a flare, or a sharp-pain stop not yet
        followed by a finished session."""
        return self.flare.advice is not FlareAdvice.NONE or self.after_sharp_pain.easier

    @property
    def sharp_pain_exercises(self) -> frozenset[str]:
        return self.after_sharp_pain.exercises


def _day_outcome(sessions: Sequence[PastSession]) -> str:
    """At most one session a day counts: a day with any setback is one, else a day with a
    well-tolerated session is good; an unfinished day breaks a run, and a day whose scores are
    missing is unknown and leaves the run as it was."""
    if any(s.setback for s in sessions):
        return "setback"
    if any(s.well_tolerated for s in sessions):
        return "good"
    if any(not s.completed for s in sessions):
        return "broken"
    return "unknown"


Standing = tuple[int, int, date | None]  # stage, good days in a row at it, the day it began


def _walk(past: Sequence[PastSession], standing: Standing) -> Standing:
    stage, streak, since = standing
    for day, sessions in groupby(past, key=lambda s: s.day):
        outcome = _day_outcome(list(sessions))
        if outcome == "setback":
            stage, streak, since = max(0, stage - 1), 0, day
        elif outcome == "good":
            streak += 1
            long_enough = since is not None and (day - since).days >= MIN_DAYS_AT_STAGE
            if streak >= SESSIONS_TO_ADVANCE and long_enough and stage < MAX_STAGE:
                stage, streak, since = stage + 1, 0, day
        elif outcome == "broken":
            streak = 0
    return stage, streak, since


def _before(history: Sequence[PastSession], today: date) -> list[PastSession]:
    return sorted((s for s in history if s.day <= today), key=lambda s: s.day)


def assess(history: Sequence[PastSession], today: date) -> Progress:
    past = _before(history, today)
    stage, _, since = _walk(past, (0, 0, past[0].day if past else None))
    flare = flare_state([s.pain for s in past])
    return Progress(
        stage=0 if flare.paused else stage,
        last=past[-1] if past else None,
        flare=flare,
        stage_since=since,
        after_sharp_pain=after_sharp_pain(past, today),
    )


def decided_by(recent: Sequence[PastSession], today: date) -> bool:
    """Whether `recent`, every session from some day on, plans today as any longer history
    ending with it would: whatever the earlier days left, each rule comes out the same."""
    past = _before(recent, today)
    flare = recent_flare_state([s.pain for s in past])
    if not past or flare is None or recent_after_sharp_pain(past, today) is None:
        return False
    if flare.paused:
        return True  # no stage while rolling is paused
    # A higher stage to start from, a longer streak or an older start never leaves the stage
    # lower later, so the lowest start and the top stage (where streak and start no longer
    # matter) bound whatever the earlier days left.
    first = past[0].day
    return _walk(past, (0, 0, first))[0] == _walk(past, (MAX_STAGE, 0, first))[0]
