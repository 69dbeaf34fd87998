from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from exercises_support import ROLL, exercise
from rollcoach.catalog.model import (
    Area,
    Density,
    Dose,
    DoseKind,
    Exercise,
    ExerciseKind,
    Position,
    Zone,
)
from rollcoach.planning.profile import Profile

ALL_ROLLERS = (Density.SOFT, Density.MEDIUM, Density.FIRM)


def _exercise(**overrides: Any) -> Exercise:
    fields: dict[str, Any] = {
        "setup": "Lie with the roller under your shoulder blades.",
        "steps": ("Lift your hips.", "Roll slowly."),
        "cues": ("Keep your chin tucked.",),
        "densities": ALL_ROLLERS,
        "picture": "picture.svg",
    }
    return exercise(**(fields | overrides))


def _catalog() -> tuple[Exercise, ...]:
    return (
        _exercise(core=True, regression="wall-thoracic-roll"),
        _exercise(
            slug="wall-thoracic-roll",
            name="Upper-back roll at a wall",
            position=Position.STANDING,
            densities=(Density.SOFT, Density.MEDIUM),
            needs_floor=False,
            uses_wall=True,
            regression="seated-twist",
        ),
        _exercise(
            slug="lat-roll",
            name="Side-of-trunk roll",
            position=Position.SIDE_LYING,
            zones=(Zone.LATS,),
            areas=(Area.MID_BACK,),
            dose=replace(ROLL, sets=1, seconds=45, per_side=True),
            regression="seated-twist",
        ),
        _exercise(
            slug="glute-roll",
            name="Glute roll",
            position=Position.SEATED,
            zones=(Zone.GLUTES,),
            areas=(Area.LOWER_BACK, Area.HIPS),
            dose=replace(ROLL, sets=1, seconds=45, per_side=True),
            contraindications=("varicose-veins",),
        ),
        _exercise(
            slug="hip-flexor-roll",
            name="Hip flexor roll",
            position=Position.PRONE,
            zones=(Zone.HIP_FLEXORS,),
            areas=(Area.LOWER_BACK, Area.HIPS),
            dose=replace(ROLL, sets=1, seconds=45, per_side=True),
            contraindications=("pregnancy",),
        ),
        _exercise(
            slug="seated-twist",
            name="Seated twist",
            position=Position.SEATED,
            densities=(),
            zones=(),
            areas=(Area.UPPER_BACK, Area.MID_BACK, Area.LOWER_BACK),
            dose=Dose(DoseKind.REPS, sets=1, reps=5, hold_seconds=3, per_side=True),
            needs_floor=False,
        ),
        _exercise(
            slug="chin-tuck",
            name="Chin tuck",
            position=Position.STANDING,
            densities=(),
            zones=(),
            areas=(Area.NECK_SHOULDERS,),
            dose=Dose(DoseKind.REPS, sets=1, reps=8, hold_seconds=2),
            needs_floor=False,
        ),
        _exercise(
            slug="kneeling-extension",
            name="Kneeling thoracic extension",
            position=Position.KNEELING,
            densities=(Density.MEDIUM, Density.FIRM),
            areas=(Area.UPPER_BACK,),
            dose=Dose(DoseKind.TIME, sets=4, seconds=15, rest_seconds=10),
        ),
        *ACTIVE_MOVES,
    )


def _move(slug: str, **overrides: Any) -> Exercise:
    fields: dict[str, Any] = {
        "kind": ExerciseKind.ACTIVE,
        "densities": (),
        "zones": (),
        "dose": Dose(DoseKind.REPS, sets=1, reps=8, hold_seconds=2),
    }
    return exercise(slug, **(fields | overrides))


# Active moves: the core of every plan; each harder one names its easier version.
ACTIVE_MOVES = (
    _move("pelvic-tilt", position=Position.SUPINE, areas=(Area.LOWER_BACK, Area.HIPS)),
    _move(
        "bridge",
        position=Position.SUPINE,
        areas=(Area.LOWER_BACK, Area.HIPS),
        regression="pelvic-tilt",
    ),
    _move("seated-cat-camel", position=Position.SEATED, needs_floor=False),
    _move(
        "cat-camel",
        position=Position.KNEELING,
        areas=(Area.UPPER_BACK, Area.MID_BACK, Area.LOWER_BACK),
        regression="seated-cat-camel",
    ),
    _move(
        "wall-angel",
        position=Position.STANDING,
        areas=(Area.NECK_SHOULDERS, Area.UPPER_BACK),
        needs_floor=False,
    ),
)


def _profile(**overrides: Any) -> Profile:
    fields: dict[str, Any] = {
        "areas": (Area.UPPER_BACK, Area.MID_BACK),
        "rollers": (Density.SOFT, Density.FIRM),
        "minutes": 60,
    }
    return Profile(**(fields | overrides))


@pytest.fixture
def make_exercise() -> Callable[..., Exercise]:
    return _exercise


@pytest.fixture
def make_profile() -> Callable[..., Profile]:
    return _profile


@pytest.fixture
def catalog() -> tuple[Exercise, ...]:
    return _catalog()
