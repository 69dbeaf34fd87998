"""One builder for the exercises tests make: a plain rolling move unless told otherwise."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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

ROLL = Dose(DoseKind.TIME, sets=2, seconds=60, pass_seconds=(2, 4), rest_seconds=15)
STRETCH = Dose(DoseKind.REPS, sets=1, reps=5, hold_seconds=10)

BASE = Exercise(
    slug="thoracic-roll",
    name="Upper-back roll",
    summary="Roll the upper back slowly.",
    target_muscles=("erector spinae",),
    position=Position.SUPINE,
    setup="Lie with the roller under your shoulder blades, hands behind your head.",
    steps=("Lift your hips.", "Roll slowly up and down."),
    cues=("Keep your chin tucked.", "Breathe out as you roll."),
    dose=ROLL,
    densities=(Density.SOFT, Density.MEDIUM, Density.FIRM),
    zones=(Zone.THORACIC,),
    areas=(Area.UPPER_BACK, Area.MID_BACK),
    contraindications=(),
    source="Behm et al. 2020",
    picture="thoracic-roll.svg",
)


def exercise(slug: str = BASE.slug, **overrides: Any) -> Exercise:
    named = {"name": slug.replace("-", " ").capitalize()} if slug != BASE.slug else {}
    densities = overrides.get("densities", BASE.densities)
    kind = ExerciseKind.ROLLING if densities else ExerciseKind.STRETCH
    return replace(BASE, slug=slug, **({"kind": kind} | named | overrides))


def no_roller(slug: str, **overrides: Any) -> Exercise:
    """A move done without a roller, off the floor unless told otherwise."""
    fields: dict[str, Any] = {"densities": (), "zones": (), "dose": STRETCH, "needs_floor": False}
    return exercise(slug, **(fields | overrides))
