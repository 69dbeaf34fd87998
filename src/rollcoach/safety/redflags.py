from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rollcoach.safety.emergency import DEFAULT, Numbers


class Level(StrEnum):
    # Declared lowest to highest: `rank` follows this order.
    PROCEED = "PROCEED"
    SEE_CLINICIAN = "SEE-CLINICIAN"
    URGENT = "URGENT"
    EMERGENCY = "EMERGENCY"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


def guidance(level: Level, numbers: Numbers = DEFAULT) -> str:
    """What to do at each level, with the numbers for the person's country (see emergency.py)."""
    if level is Level.EMERGENCY:
        return (
            "Stop now. Go to an emergency department or call emergency services "
            f"({numbers.where}) straight away. Do not use the programme."
        )
    if level is Level.URGENT:
        advice = ""
        if numbers.urgent:
            where = f" (in {numbers.urgent_where})" if numbers.urgent_where else ""
            advice = f" If you cannot reach your own doctor, call {numbers.urgent_call}{where}."
        return (
            f"Contact a doctor today, within 24 hours at the latest.{advice} "
            f"If it becomes an emergency, call emergency services ({numbers.where}). "
            "The programme pauses until a doctor has checked you."
        )
    if level is Level.SEE_CLINICIAN:
        return (
            "Book a review with your GP or a physiotherapist. "
            "The programme pauses until you confirm you have been cleared."
        )
    return "Nothing in your answers needs a clinician first. You can start."


# The words with the DEFAULT number, for callers that do not know the person's country.
GUIDANCE: dict[Level, str] = {level: guidance(level) for level in Level}


class AnswerError(ValueError):
    pass


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    level: Level
    source: str
    explanation: str = ""


@dataclass(frozen=True)
class ScreenResult:
    level: Level
    triggered: tuple[str, ...]  # ids answered yes, in question order
    answers: dict[str, bool] = field(default_factory=dict)

    @property
    def guidance(self) -> str:
        return GUIDANCE[self.level]

    def guidance_for(self, numbers: Numbers) -> str:
        return guidance(self.level, numbers)

    @property
    def can_proceed(self) -> bool:
        return self.level is Level.PROCEED

    def to_dict(self, numbers: Numbers = DEFAULT) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "triggered": list(self.triggered),
            "answers": dict(self.answers),
            "guidance": self.guidance_for(numbers),
        }


def screen(questions: Sequence[Question], answers: Mapping[str, object]) -> ScreenResult:
    if not questions:
        raise ValueError("a screen needs at least one question")
    ids = [q.id for q in questions]
    known = set(ids)
    checked: dict[str, bool] = {}
    for key, value in answers.items():
        if key not in known:
            raise AnswerError(f"unknown question id {key!r}; known ids: {', '.join(ids)}")
        # Only real booleans count: "yes", 1 or None could hide a misread form.
        if not isinstance(value, bool):
            raise AnswerError(f"answer to {key} must be true or false, got {value!r}")
        checked[key] = value
    given = {q.id: checked[q.id] for q in questions if q.id in checked}
    yes = [q for q in questions if given.get(q.id) is True]
    if yes:
        # Gaps are fine here: any further yes could only keep or raise the level.
        top = max(yes, key=lambda q: q.level.rank).level
        return ScreenResult(top, tuple(q.id for q in yes), given)
    missing = [i for i in ids if i not in given]
    if missing:
        # An unanswered question is not a no: a screen with gaps must never clear anyone.
        raise AnswerError(f"unanswered questions: {', '.join(missing)}")
    return ScreenResult(Level.PROCEED, (), given)
