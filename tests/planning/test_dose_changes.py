from __future__ import annotations

import pytest

from rollcoach.catalog.model import Dose, DoseKind
from rollcoach.planning.dosing import scaled, staged


def time_dose(seconds: int, sets: int = 1) -> Dose:
    return Dose(DoseKind.TIME, sets=sets, seconds=seconds, pass_seconds=(2, 4))


def reps_dose(reps: int, sets: int = 1) -> Dose:
    return Dose(DoseKind.REPS, sets=sets, reps=reps, hold_seconds=3)


@pytest.mark.parametrize(
    ("dose", "stage", "seconds", "reps", "sets"),
    [
        (time_dose(60, 2), 0, 60, 0, 2),
        (time_dose(60, 2), 1, 75, 0, 2),
        (time_dose(60, 2), 4, 120, 0, 2),
        (time_dose(110), 1, 120, 0, 1),
        (time_dose(110), 2, 120, 0, 2),
        (time_dose(110), 4, 120, 0, 3),
        (time_dose(120, 3), 4, 120, 0, 3),
        (reps_dose(5), 3, 0, 11, 1),
        (reps_dose(13), 3, 0, 15, 3),
        (reps_dose(15, 3), 4, 0, 15, 3),
    ],
)
def test_it_builds_doses_up_by_stage(
    dose: Dose, stage: int, seconds: int, reps: int, sets: int
) -> None:
    grown = staged(dose, stage)
    assert (grown.seconds, grown.reps, grown.sets) == (seconds, reps, sets)


@pytest.mark.parametrize(
    ("seconds", "scale", "expected"),
    [(60, 0.5, 30), (90, 0.5, 45), (40, 0.5, 30), (20, 0.5, 20), (60, 1.0, 60), (60, 1.5, 60)],
)
def test_it_shortens_sets_for_reduced_sensation_but_not_below_30_s(
    seconds: int, scale: float, expected: int
) -> None:
    assert scaled(time_dose(seconds), scale).seconds == expected


def test_it_leaves_reps_alone_when_shortening_sets() -> None:
    assert scaled(reps_dose(8), 0.5) == reps_dose(8)
