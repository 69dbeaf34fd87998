from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from rollcoach.catalog.model import Dose, DoseKind, Exercise

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
        return cls(tuple(Step.from_dict(step) for step in data["steps"]))


def pace_of(dose: Dose) -> int | None:
    if dose.pass_seconds is None:
        return None
    low, high = dose.pass_seconds
    return (low + high + 1) // 2  # halves round up: slower rolling is the safer side


def _side_label(side: str | None) -> str:
    return f", {side} side" if side else ""


class _Builder:
    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(self, kind: StepKind, seconds: int, title: str, cue: str, **extra: Any) -> None:
        self.steps.append(Step(len(self.steps), kind, seconds, title, cue, **extra))

    def exercise(self, exercise: Exercise, dose: Dose, first: bool) -> None:
        slug, picture = exercise.slug, exercise.picture
        self.add(
            StepKind.GET_READY,
            FIRST_GET_READY_SECONDS if first else GET_READY_SECONDS,
            f"Get ready: {exercise.name}",
            exercise.setup,
            exercise=slug,
            sets=dose.sets,
            picture=picture,
        )
        sides: tuple[str | None, ...] = ("left", "right") if dose.per_side else (None,)
        for set_number in range(1, dose.sets + 1):
            for side_number, side in enumerate(sides):
                if side_number:
                    self.add(
                        StepKind.SWITCH_SIDE,
                        SWITCH_SIDE_SECONDS,
                        "Switch sides",
                        f"Move slowly onto your {side} side.",
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
                    "Pause and breathe",
                    "Pause and breathe slowly.",
                    exercise=slug,
                    set_number=set_number,
                    sets=dose.sets,
                    picture=picture,
                )
            if set_number < dose.sets and dose.rest_seconds > 0:
                self.add(
                    StepKind.REST,
                    dose.rest_seconds,
                    "Rest",
                    "Rest and let your body settle before the next set.",
                    exercise=slug,
                    set_number=set_number,
                    sets=dose.sets,
                    picture=picture,
                )

    def _work(self, exercise: Exercise, dose: Dose, set_number: int, side: str | None) -> None:
        title = f"{exercise.name}: set {set_number} of {dose.sets}{_side_label(side)}"
        # Cues rotate across sets so each set brings one thing to focus on.
        hint = exercise.cues[(set_number - 1) % len(exercise.cues)] if exercise.cues else ""
        common: dict[str, Any] = {
            "exercise": exercise.slug,
            "side": side,
            "set_number": set_number,
            "sets": dose.sets,
            "picture": exercise.picture,
        }
        if dose.kind is DoseKind.REPS:
            hold = f", hold {dose.hold_seconds} seconds each" if dose.hold_seconds else ""
            seconds = dose.reps * (dose.hold_seconds + REP_MOVE_SECONDS)
            cue = _join(f"{dose.reps} slow reps{hold}.", hint)
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
        pace = pace_of(dose)
        if pace is None:
            cue = _join("Hold the position gently and breathe.", hint)
            self.add(StepKind.HOLD, dose.seconds, title, cue, **common)
            return
        # The pace line already says how slow; a second pace hint would only repeat it.
        hints = [c for c in exercise.cues if not c.lower().startswith("slow")]
        hint = hints[(set_number - 1) % len(hints)] if hints else ""
        cue = _join(f"Slow: one pass every {pace} seconds.", hint)
        self.add(StepKind.ROLL, dose.seconds, title, cue, pace_seconds=pace, **common)


def _join(first: str, second: str) -> str:
    return f"{first} {second}" if second else first


def build_timeline(items: Sequence[tuple[Exercise, Dose]]) -> Timeline:
    builder = _Builder()
    for position, (exercise, dose) in enumerate(items):
        if position:
            builder.add(
                StepKind.REST,
                REST_BETWEEN_EXERCISES_SECONDS,
                "Rest",
                f"Rest. Next: {exercise.name}.",
            )
        builder.exercise(exercise, dose, first=position == 0)
    builder.add(StepKind.DONE, 0, "Well done", "Session complete. Get up slowly.")
    return Timeline(tuple(builder.steps))
