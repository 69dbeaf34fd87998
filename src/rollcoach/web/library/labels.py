"""Plain words for the catalogue's codes, as a person reads them on a page."""

from __future__ import annotations

from rollcoach.catalog.model import Exercise
from rollcoach.safety.precautions import CONDITIONS

NEVER_ROLLED = "Never roll the lower back or the neck directly."


def _joined(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def roller(exercise: Exercise) -> str:
    if not exercise.needs_roller:
        return "No roller needed"
    names = [d.value for d in exercise.densities]
    return f"{_joined(names).capitalize()} roller"


def roller_short(exercise: Exercise) -> str:
    """For a line already labelled "Roller"."""
    if not exercise.needs_roller:
        return "None needed"
    return _joined([d.value for d in exercise.densities]).capitalize()


def pace(exercise: Exercise) -> str:
    if exercise.dose.pass_seconds is None:
        return ""
    fastest, slowest = exercise.dose.pass_seconds
    return f"Slowly: one pass every {fastest}-{slowest} seconds."


def rest(exercise: Exercise) -> str:
    if exercise.dose.sets < 2 or not exercise.dose.rest_seconds:
        return ""
    return f"Rest {exercise.dose.rest_seconds} seconds between sets."


def presses_on(exercise: Exercise) -> str:
    return _joined([z.label for z in exercise.zones])


def areas(exercise: Exercise) -> str:
    return ", ".join(a.label.lower() for a in exercise.areas)


def not_for(exercise: Exercise) -> list[str]:
    return [CONDITIONS[c] for c in exercise.contraindications]
