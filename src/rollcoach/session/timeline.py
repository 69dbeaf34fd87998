from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from rollcoach.catalog.model import Dose, DoseKind, Exercise, Position

FIRST_GET_READY_SECONDS = 15  # the first setup includes finding a spot and the roller
GET_READY_SECONDS = 10
SWITCH_SIDE_SECONDS = 8
BREATHE_SECONDS = 8
REST_BETWEEN_EXERCISES_SECONDS = 15
REP_MOVE_SECONDS = 3  # moving into and out of each rep, on top of its hold


class StepKind(StrEnum):
    GET_READY = "get-ready"
    ROLL = "roll"  # rolling at a set pace
    HOLD = "hold"  # a timed position or stretch with no rolling
    REPS = "reps"
    BREATHE = "breathe"
    SWITCH_SIDE = "switch-side"
    REST = "rest"
    DONE = "done"


WORK_KINDS = frozenset({StepKind.ROLL, StepKind.HOLD, StepKind.REPS})
STEP_LABELS: dict[StepKind, str] = {
    StepKind.GET_READY: "Get ready",
    StepKind.ROLL: "Roll slowly",
    StepKind.HOLD: "Hold",
    StepKind.REPS: "Repetitions",
    StepKind.BREATHE: "Pause and breathe",
    StepKind.SWITCH_SIDE: "Switch sides",
    StepKind.REST: "Rest",
    StepKind.DONE: "Done",
}


@dataclass(frozen=True)
class Step:
    index: int
    kind: StepKind
    seconds: int
    title: str
    cue: str
    exercise: str | None = None  # slug
    side: str | None = None  # "left" or "right"
    set_number: int | None = None
    sets: int | None = None
    pace_seconds: int | None = None  # ROLL: one pass every N seconds
    reps: int | None = None
    hold_seconds: int | None = None
    picture: str | None = None
    # What a voice says as the step begins, built once here: the title and the cue, with no
    # word repeated from the title or from the step before. Both players speak it as it is.
    spoken: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        fields = dict(data)
        fields["kind"] = StepKind(fields["kind"])
        return cls(**fields)


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        for position, step in enumerate(self.steps):
            if step.index != position:
                raise ValueError(f"step {position} carries index {step.index}")
            if step.seconds < 0:
                raise ValueError(f"step {position} has negative length {step.seconds}")

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "steps": [step.to_dict() for step in self.steps],
            "total_seconds": self.total_seconds,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Timeline:
        steps: list[Step] = []
        for item in data["steps"]:
            step = Step.from_dict(item)
            if "spoken" not in item:
                # Stored before steps carried their spoken text: built by the same rule.
                before = steps[-1].spoken if steps else ""
                step = replace(step, spoken=spoken_text(step.title, step.cue, before))
            steps.append(step)
        return cls(tuple(steps))


def pace_of(dose: Dose) -> int | None:
    if dose.pass_seconds is None:
        return None
    low, high = dose.pass_seconds
    return (low + high + 1) // 2  # halves round up: slower rolling is the safer side


SIDES = ("left", "right")
# "your right ankle" names a side; "at right angles" does not.
_SIDE_WORD = re.compile(r"\byour (left|right)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")

# How a person stays put while changing sides, by where the exercise puts them. Only lying on
# your side means turning over onto the other side; everything else keeps its position.
_STAY: dict[Position, str] = {
    Position.SUPINE: "Stay on your back",
    Position.PRONE: "Stay face down",
    Position.SEATED: "Stay seated",
    Position.KNEELING: "Stay kneeling",
    Position.STANDING: "Stay standing",
}
_STAY_AT_WALL = "Stay at the wall"
# How to come out of the last exercise once the session is over.
_GET_UP: dict[Position, str] = {
    Position.SUPINE: "Roll onto your side and push yourself up slowly.",
    Position.PRONE: "Roll onto your side and push yourself up slowly.",
    Position.SIDE_LYING: "Push yourself up slowly with your hands.",
    Position.SEATED: "Get up slowly.",
    Position.KNEELING: "Get up slowly.",
    Position.STANDING: "Stand still for a moment before you walk on.",
}
SESSION_COMPLETE = "Session complete."


def sides_of(exercise: Exercise, dose: Dose) -> tuple[str | None, ...]:
    """The sides in the order the exercise does them: the one its setup names first (a setup
    that says "rest your right ankle" starts on the right), else left then right. One source
    for every step of the exercise: the get-ready, the work, the switch and what is spoken."""
    if not dose.per_side:
        return (None,)
    named = _SIDE_WORD.search(exercise.setup)
    first = named.group(1).lower() if named else SIDES[0]
    return (first, *(side for side in SIDES if side != first))


def side_words(side: str) -> str:
    return f"{side} side"


def switch_cue(exercise: Exercise, side: str) -> str:
    """Changing to `side`, in the words of the exercise's position."""
    if exercise.position is Position.SIDE_LYING:
        return f"Move slowly onto your {side_words(side)}."
    stay = _STAY_AT_WALL if exercise.uses_wall else _STAY[exercise.position]
    return f"{stay} and change to your {side_words(side)}."


def done_cue(last: Exercise | None) -> str:
    if last is None:
        return SESSION_COMPLETE
    return f"{SESSION_COMPLETE} {_GET_UP[last.position]}"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def spoken_text(title: str, cue: str, before: str = "") -> str:
    """The title and the cue as one utterance: the title is left out where the cue already
    starts with its words ("Rest" before "Rest and let..."), and what the step before said is
    never said again at once."""
    title_words, cue_words = _words(title), _words(cue)
    if not cue_words:
        text = title
    elif cue_words[: len(title_words)] == title_words:
        text = cue
    else:
        text = f"{title.rstrip('.:; ')}. {cue}"
    if before and _words(text) == _words(before):
        text = cue if _words(cue) != _words(before) else ""
    return text


def _states_pace(cue: str) -> bool:
    return cue.lower().startswith("slow")


class _Builder:
    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(self, kind: StepKind, seconds: int, title: str, cue: str, **extra: Any) -> None:
        before = self.steps[-1].spoken if self.steps else ""
        spoken = spoken_text(title, cue, before)
        self.steps.append(Step(len(self.steps), kind, seconds, title, cue, spoken=spoken, **extra))

    def exercise(self, exercise: Exercise, dose: Dose, first: bool) -> None:
        slug, picture = exercise.slug, exercise.picture
        sides = sides_of(exercise, dose)
        setup = exercise.setup
        if sides[0] is not None:
            setup = _join(setup, f"Start with your {side_words(sides[0])}.")
        self.add(
            StepKind.GET_READY,
            FIRST_GET_READY_SECONDS if first else GET_READY_SECONDS,
            f"Get ready: {exercise.name}",
            setup,
            exercise=slug,
            side=sides[0],
            sets=dose.sets,
            picture=picture,
        )
        for set_number in range(1, dose.sets + 1):
            for side_number, side in enumerate(sides):
                if side_number and side is not None:
                    self.add(
                        StepKind.SWITCH_SIDE,
                        SWITCH_SIDE_SECONDS,
                        STEP_LABELS[StepKind.SWITCH_SIDE],
                        switch_cue(exercise, side),
                        exercise=slug,
                        side=side,
                        set_number=set_number,
                        sets=dose.sets,
                        picture=picture,
                    )
                self._work(exercise, dose, set_number, side)
            if pace_of(dose) is not None:
                self.add(
                    StepKind.BREATHE,
                    BREATHE_SECONDS,
                    STEP_LABELS[StepKind.BREATHE],
                    "Breathe slowly and let your body settle.",
                    exercise=slug,
                    set_number=set_number,
                    sets=dose.sets,
                    picture=picture,
                )
            if set_number < dose.sets and dose.rest_seconds > 0:
                self.add(
                    StepKind.REST,
                    dose.rest_seconds,
                    STEP_LABELS[StepKind.REST],
                    f"Set {set_number + 1} of {dose.sets} comes next.",
                    exercise=slug,
                    set_number=set_number,
                    sets=dose.sets,
                    picture=picture,
                )

    def _work(self, exercise: Exercise, dose: Dose, set_number: int, side: str | None) -> None:
        parts = [f"set {set_number} of {dose.sets}"] if dose.sets > 1 else []
        if side is not None:
            parts.append(side_words(side))
        title = f"{exercise.name}: {', '.join(parts)}" if parts else exercise.name
        pace = pace_of(dose)
        # A pace line already says how slow; a second pace hint would only repeat it. Without
        # one, a hint about the rolling pace fits no step.
        hints = [c for c in exercise.cues if not _states_pace(c)] if pace else list(exercise.cues)
        if dose.kind is DoseKind.REPS or pace is None:
            hints = [c for c in hints if "one pass every" not in c.lower()]
        # Cues rotate across sets so each set brings one thing to focus on.
        hint = hints[(set_number - 1) % len(hints)] if hints else ""
        common: dict[str, Any] = {
            "exercise": exercise.slug,
            "side": side,
            "set_number": set_number,
            "sets": dose.sets,
            "picture": exercise.picture,
        }
        if dose.kind is DoseKind.REPS:
            hold = f", hold {dose.hold_seconds} seconds each" if dose.hold_seconds else ""
            rolled = f", rolling one pass every {pace} seconds" if pace else ""
            seconds = dose.reps * (dose.hold_seconds + REP_MOVE_SECONDS)
            cue = _join(f"{dose.reps} slow reps{hold}{rolled}.", hint)
            self.add(
                StepKind.REPS,
                seconds,
                title,
                cue,
                reps=dose.reps,
                hold_seconds=dose.hold_seconds or None,
                **common,
            )
            return
        if pace is None:
            cue = _join("Hold the position gently and breathe.", hint)
            self.add(StepKind.HOLD, dose.seconds, title, cue, **common)
            return
        cue = _join(f"Slow: one pass every {pace} seconds.", hint)
        self.add(StepKind.ROLL, dose.seconds, title, cue, pace_seconds=pace, **common)


def _join(first: str, second: str) -> str:
    return f"{first} {second}" if second else first


def build_timeline(items: Sequence[tuple[Exercise, Dose]]) -> Timeline:
    builder = _Builder()
    last: Exercise | None = None
    for exercise, dose in items:
        if last is not None:
            # A change of position is said before it is needed.
            where = "" if exercise.position is last.position else f", {exercise.position.label}"
            builder.add(
                StepKind.REST,
                REST_BETWEEN_EXERCISES_SECONDS,
                STEP_LABELS[StepKind.REST],
                f"Next: {exercise.name}{where.lower()}.",
            )
        builder.exercise(exercise, dose, first=last is None)
        last = exercise
    builder.add(StepKind.DONE, 0, "Well done", done_cue(last))
    return Timeline(tuple(builder.steps))
