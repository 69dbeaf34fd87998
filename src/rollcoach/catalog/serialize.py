from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rollcoach.catalog.model import Exercise


def exercise_to_dict(exercise: Exercise) -> dict[str, Any]:
    data = asdict(exercise)
    data["dose"]["kind"] = exercise.dose.kind.value
    data["dose"]["text"] = exercise.dose.describe()
    if exercise.dose.pass_seconds is not None:
        data["dose"]["pass_seconds"] = list(exercise.dose.pass_seconds)
    data["needs_roller"] = exercise.needs_roller
    for key in ("target_muscles", "steps", "cues", "densities", "zones", "areas", "tags"):
        data[key] = [str(value) for value in data[key]]
    data["contraindications"] = list(exercise.contraindications)
    data["position"] = exercise.position.value
    data["kind"] = exercise.kind.value
    return data
