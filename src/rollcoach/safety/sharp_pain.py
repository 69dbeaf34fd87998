"""Sharp pain means stop: nothing more that day, and easier until a session ends without it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

SHARP_PAIN_ADVICE = (
    "Stop now. Roll off the roller slowly and rest in a position that feels easy. "
    "Don't do that exercise again today. "
    "If you notice new numbness or weakness in your legs, numbness around your bottom or "
    "genitals, or a change in your bladder or bowels, go to an emergency department now. "
    "If the pain hasn't eased after 30 minutes, contact your GP or a physiotherapist today. "
    "Your next session will be gentler."
)
REST_TODAY = (
    "You stopped with sharp pain today, so there is no other session today. Rest in a position "
    "that feels easy and keep moving gently as the pain allows. If the pain hasn't eased after "
    "30 minutes, contact your GP or a physiotherapist today; with new numbness or weakness in "
    "your legs, or a change in your bladder or bowels, go to an emergency department now. Your "
    "next session, from tomorrow, will be one step easier."
)
SOURCE = (
    "product judgement (unsourced); the escalation follows the red-flag screen "
    "(NHS cauda equina pathways, BASS 2018)"
)


class Past(Protocol):
    """What this rule reads of a past session."""

    @property
    def day(self) -> date: ...
    @property
    def completed(self) -> bool: ...
    @property
    def sharp_pain(self) -> bool: ...
    @property
    def exercises(self) -> tuple[str, ...]: ...
    @property
    def seconds(self) -> int | None: ...


@dataclass(frozen=True)
class AfterSharpPain:
    rest_today: bool = False  # a sharp-pain stop today: no other session today
    easier: bool = False  # the plan stays one step easier
    exercises: frozenset[str] = frozenset()  # they hurt: swapped for easier versions
    most_seconds: int | None = None  # the plan is not longer than the one that hurt
    since: date | None = None


def after_sharp_pain(history: Sequence[Past], today: date) -> AfterSharpPain:
    """`history` oldest first. After a sharp-pain stop the plan stays easier until a session is
    finished without sharp pain; ending an easier session early keeps it easier."""
    past = [s for s in history if s.day <= today]
    stops = [i for i, s in enumerate(past) if s.sharp_pain]
    if not stops:
        return AfterSharpPain()
    stop = past[stops[-1]]
    rest_today = any(s.sharp_pain and s.day == today for s in past)
    if any(s.completed and not s.sharp_pain for s in past[stops[-1] + 1 :]):
        return AfterSharpPain(rest_today=rest_today)
    return AfterSharpPain(rest_today, True, frozenset(stop.exercises), stop.seconds, stop.day)


@dataclass(frozen=True)
class _EarlierStop:
    """A sharp-pain stop before the sessions at hand, not yet followed by a finished one."""

    day: date = date.min
    completed: bool = False
    sharp_pain: bool = True
    exercises: tuple[str, ...] = ("an exercise from earlier",)
    seconds: int | None = None


def recent_after_sharp_pain(history: Sequence[Past], today: date) -> AfterSharpPain | None:
    """What `history` gives whatever sessions came before it; None while they could change it.
    Earlier sessions matter only through a stop still open, and that shows in what it gives."""
    found = after_sharp_pain(history, today)
    earlier: list[Past] = [_EarlierStop(), *history]
    return found if after_sharp_pain(earlier, today) == found else None
