from __future__ import annotations

from dataclasses import replace

from rollcoach.catalog.model import Dose, DoseKind

# Per-area limits from the dosing evidence: 30-120 s a set, 1-3 sets.
MIN_SET_SECONDS = 30
MAX_SET_SECONDS = 120
MAX_SETS = 3
SECONDS_PER_STAGE = 15
# Rep limits are a product judgement.
MAX_REPS = 15
MIN_REPS = 5
REPS_PER_STAGE = 2


def staged(dose: Dose, stage: int) -> Dose:
    """Longer sets first; once a set is as long as it should get, one more set."""
    for _ in range(stage):
        if dose.kind is DoseKind.TIME and dose.seconds < MAX_SET_SECONDS:
            dose = replace(dose, seconds=min(MAX_SET_SECONDS, dose.seconds + SECONDS_PER_STAGE))
        elif dose.kind is DoseKind.REPS and dose.reps < MAX_REPS:
            dose = replace(dose, reps=min(MAX_REPS, dose.reps + REPS_PER_STAGE))
        elif dose.sets < MAX_SETS:
            dose = replace(dose, sets=dose.sets + 1)
    return dose


def scaled(dose: Dose, scale: float) -> Dose:
    if dose.kind is not DoseKind.TIME or scale >= 1:
        return dose
    floor = min(dose.seconds, MIN_SET_SECONDS)
    return replace(dose, seconds=max(floor, round(dose.seconds * scale)))


def less_time(dose: Dose) -> Dose | None:
    if dose.kind is DoseKind.TIME and dose.seconds > MIN_SET_SECONDS:
        return replace(dose, seconds=max(MIN_SET_SECONDS, dose.seconds - SECONDS_PER_STAGE))
    return None


def fewer_reps(dose: Dose) -> Dose | None:
    if dose.kind is DoseKind.REPS and dose.reps > MIN_REPS:
        return replace(dose, reps=max(MIN_REPS, dose.reps - REPS_PER_STAGE))
    return None


def fewer_sets(dose: Dose) -> Dose | None:
    return replace(dose, sets=dose.sets - 1) if dose.sets > 1 else None


# In the order a session is shortened: trim set length before dropping whole sets.
SHORTENINGS = (less_time, fewer_reps, fewer_sets)
