from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from rollcoach.catalog.model import Area, Density, Dose, DoseKind, Exercise, Position, Zone


def _exercise(**overrides: Any) -> Exercise:
    base = Exercise(
        slug="thoracic-roll",
        name="Upper-back roll",
        summary="Roll the upper back slowly.",
        target_muscles=("erector spinae",),
        position=Position.SUPINE,
        setup="Lie with the roller under your shoulder blades, hands behind your head.",
        steps=("Lift your hips.", "Roll slowly up and down."),
        cues=("Keep your chin tucked.", "Breathe out as you roll."),
        dose=Dose(DoseKind.TIME, sets=2, seconds=60, pass_seconds=(2, 4), rest_seconds=15),
        densities=(Density.SOFT, Density.MEDIUM),
        zones=(Zone.THORACIC,),
        areas=(Area.UPPER_BACK,),
        contraindications=(),
        source="Behm et al. 2020",
        picture="thoracic-roll.svg",
    )
    return replace(base, **overrides)


@pytest.fixture
def make_exercise() -> Callable[..., Exercise]:
    return _exercise
