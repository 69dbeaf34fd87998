from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import cast


class Density(StrEnum):
    SOFT = "soft"
    MEDIUM = "medium"
    FIRM = "firm"

    @property
    def rank(self) -> int:
        return list(Density).index(self)

    @property
    def label(self) -> str:
        return f"{self.value.capitalize()} roller"


class Zone(StrEnum):
    """Where the roller (or the wall, or the floor) presses on the body."""

    THORACIC = "thoracic"  # mid and upper back, between and below the shoulder blades
    SCAPULA = "scapula"  # the shoulder blade and the muscles over it
    LATS = "lats"  # side of the trunk from armpit to lower ribs
    GLUTES = "glutes"
    HIP_FLEXORS = "hip-flexors"
    QUADS = "quads"
    HAMSTRINGS = "hamstrings"
    CALVES = "calves"
    CHEST = "chest"
    FOREARMS = "forearms"
    # Never rolled directly: present so the rules can name them and tests can forbid them.
    LUMBAR = "lumbar"
    NECK = "neck"

    @property
    def label(self) -> str:
        return ZONE_LABELS[self]


ZONE_LABELS: dict[Zone, str] = {
    Zone.THORACIC: "upper and middle back, along the spine",
    Zone.SCAPULA: "shoulder blades",
    Zone.LATS: "sides of the body, from armpit to lower ribs",
    Zone.GLUTES: "buttocks",
    Zone.HIP_FLEXORS: "front of the hips",
    Zone.QUADS: "front of the thighs",
    Zone.HAMSTRINGS: "back of the thighs",
    Zone.CALVES: "calves",
    Zone.CHEST: "chest",
    Zone.FOREARMS: "forearms",
    Zone.LUMBAR: "lower back",
    Zone.NECK: "neck",
}


NEVER_ROLLED = frozenset({Zone.LUMBAR, Zone.NECK})


class Area(StrEnum):
    """Where a person says it hurts (the body map)."""

    NECK_SHOULDERS = "neck-shoulders"
    UPPER_BACK = "upper-back"
    MID_BACK = "mid-back"
    LOWER_BACK = "lower-back"
    HIPS = "hips"

    @property
    def label(self) -> str:
        return AREA_LABELS[self]


AREA_LABELS: dict[Area, str] = {
    Area.NECK_SHOULDERS: "Neck and shoulders",
    Area.UPPER_BACK: "Upper back",
    Area.MID_BACK: "Middle back",
    Area.LOWER_BACK: "Lower back",
    Area.HIPS: "Hips and buttocks",
}


class Position(StrEnum):
    SUPINE = "supine"  # lying on the back
    PRONE = "prone"  # lying face down
    SIDE_LYING = "side-lying"
    SEATED = "seated"  # sitting on the floor or on the roller
    KNEELING = "kneeling"
    STANDING = "standing"

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS: dict[Position, str] = {
    Position.SUPINE: "Lying on your back",
    Position.PRONE: "Lying face down",
    Position.SIDE_LYING: "Lying on your side",
    Position.SEATED: "Sitting",
    Position.KNEELING: "Kneeling",
    Position.STANDING: "Standing",
}


class ExerciseKind(StrEnum):
    """What an exercise asks of the body. Rolling is an add-on to active exercise, never the whole
    plan (NICE NG59, 2016; ACP 2017), so plans can tell the two apart."""

    ROLLING = "rolling"  # a roller presses on the body (exactly the moves with densities)
    STRETCH = "stretch"  # a position held, or leaned into, until a muscle feels a stretch
    ACTIVE = "active"  # the person's own muscles move or hold the body: strength, control, mobility

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[ExerciseKind, str] = {
    ExerciseKind.ROLLING: "Rolling",
    ExerciseKind.STRETCH: "Stretch",
    ExerciseKind.ACTIVE: "Active movement",
}


def fitting_kind(densities: tuple[Density, ...], stated: ExerciseKind | None) -> ExerciseKind:
    """Rolling exactly when a roller is used; without one, the stated kind, or a stretch."""
    if densities:
        return ExerciseKind.ROLLING
    if stated is None or stated is ExerciseKind.ROLLING:
        return ExerciseKind.STRETCH
    return stated


class DoseKind(StrEnum):
    TIME = "time"  # roll for a number of seconds a set
    REPS = "reps"  # repetitions, each with an optional hold


@dataclass(frozen=True)
class Dose:
    kind: DoseKind
    sets: int
    seconds: int = 0  # a set, for TIME
    reps: int = 0  # a set, for REPS
    hold_seconds: int = 0  # each rep, for REPS
    per_side: bool = False
    pass_seconds: tuple[int, int] | None = None  # slow rolling pace: one pass every a-b seconds
    rest_seconds: int = 15  # between sets

    def describe(self) -> str:
        if self.kind is DoseKind.TIME:
            amount = f"{self.seconds} s"
        else:
            amount = f"{self.reps} reps" + (
                f", hold {self.hold_seconds} s" if self.hold_seconds else ""
            )
        text = f"{self.sets} x {amount}"
        return text + (" each side" if self.per_side else "")


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    summary: str
    target_muscles: tuple[str, ...]
    position: Position
    setup: str  # the starting position in words
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    dose: Dose
    densities: tuple[Density, ...]  # roller densities allowed; empty = needs no roller
    zones: tuple[Zone, ...]  # where pressure lands; empty for no-roller moves
    areas: tuple[Area, ...]  # pain areas it is offered for
    contraindications: tuple[str, ...]  # condition ids from safety.precautions
    source: str
    picture: str  # file name under content/pictures
    needs_floor: bool = True
    uses_wall: bool = False
    regression: str | None = None
    progression: str | None = None
    core: bool = False
    tags: tuple[str, ...] = field(default=())
    # Every content file states it, and the loader refuses one that does not fit the roller.
    # Code that builds an exercise (tests, a copy with dataclasses.replace) always gets one that
    # fits: see fitting_kind.
    kind: ExerciseKind = field(default=cast(ExerciseKind, None))

    def __post_init__(self) -> None:
        stated: object = self.kind
        if stated is not None and not isinstance(stated, ExerciseKind):
            raise TypeError(f"kind must be an ExerciseKind, got {stated!r}")
        object.__setattr__(self, "kind", fitting_kind(self.densities, stated))

    @property
    def needs_roller(self) -> bool:
        return bool(self.densities)
