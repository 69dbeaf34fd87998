"""Plain words for the catalogue's codes, as a person reads them on a page."""

from __future__ import annotations

from rollcoach.catalog.model import Area, Density, Exercise, Position, Zone
from rollcoach.safety.precautions import CONDITIONS

AREAS: dict[Area, str] = {
    Area.NECK_SHOULDERS: "Neck and shoulders",
    Area.UPPER_BACK: "Upper back",
    Area.MID_BACK: "Mid back",
    Area.LOWER_BACK: "Lower back",
    Area.HIPS: "Hips",
}

DENSITIES: dict[Density, str] = {
    Density.SOFT: "Soft",
    Density.MEDIUM: "Medium",
    Density.FIRM: "Firm",
}

POSITIONS: dict[Position, str] = {
    Position.SUPINE: "Lying on your back",
    Position.PRONE: "Lying face down",
    Position.SIDE_LYING: "Lying on your side",
    Position.SEATED: "Sitting",
    Position.KNEELING: "Kneeling",
    Position.STANDING: "Standing",
}

ZONES: dict[Zone, str] = {
    Zone.THORACIC: "mid and upper back",
    Zone.SCAPULA: "shoulder blade",
    Zone.LATS: "side of the trunk",
    Zone.GLUTES: "buttock",
    Zone.HIP_FLEXORS: "front of the hip",
    Zone.QUADS: "front of the thigh",
    Zone.HAMSTRINGS: "back of the thigh",
    Zone.CALVES: "calf",
    Zone.CHEST: "chest",
    Zone.FOREARMS: "forearm",
    Zone.LUMBAR: "lower back",
    Zone.NECK: "neck",
}

NEVER_ROLLED = "Never roll the lower back or the neck directly."


def _joined(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def roller(exercise: Exercise) -> str:
    if not exercise.needs_roller:
        return "No roller needed"
    names = [DENSITIES[d].lower() for d in exercise.densities]
    return f"{_joined(names).capitalize()} roller"


def roller_short(exercise: Exercise) -> str:
    """For a line already labelled "Roller"."""
    if not exercise.needs_roller:
        return "None needed"
    return _joined([DENSITIES[d].lower() for d in exercise.densities]).capitalize()


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
    return _joined([ZONES[z] for z in exercise.zones])


def areas(exercise: Exercise) -> str:
    return ", ".join(AREAS[a].lower() for a in exercise.areas)


def not_for(exercise: Exercise) -> list[str]:
    return [CONDITIONS[c] for c in exercise.contraindications]
