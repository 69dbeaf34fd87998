from __future__ import annotations

import math
from collections.abc import Sequence

from rollcoach.catalog.model import Dose, Exercise
from rollcoach.planning.dosing import SHORTENINGS
from rollcoach.planning.profile import MIN_MINUTES
from rollcoach.session.timeline import build_timeline

Pair = tuple[Exercise, Dose]
MIN_EXERCISES = 2  # one area alone makes a thin session


class TooShort(Exception):
    def __init__(self, minutes_needed: int) -> None:
        super().__init__(f"needs at least {minutes_needed} minutes")
        self.minutes_needed = minutes_needed


def _seconds(pairs: Sequence[Pair]) -> int:
    return build_timeline(pairs).total_seconds


def _shortened(pairs: Sequence[Pair], budget: int | None) -> list[Pair]:
    """Trims doses, lowest priority first, until they fit `budget` (None: as far as they go)."""
    trimmed = list(pairs)
    for shorten in SHORTENINGS:
        for position in reversed(range(len(trimmed))):
            exercise, dose = trimmed[position]
            while budget is None or _seconds(trimmed) > budget:
                smaller = shorten(dose)
                if smaller is None:
                    break
                dose = smaller
                trimmed[position] = (exercise, dose)
    return trimmed


def fit(pairs: Sequence[Pair], budget: int) -> list[Pair]:
    """Keeps the highest-priority exercises (the order given) that fit `budget` seconds,
    dropping whole exercises before shortening sets, and keeping two when two can fit."""
    kept = list(pairs)
    while len(kept) > MIN_EXERCISES and _seconds(kept) > budget:
        kept.pop()
    if _seconds(kept) <= budget:
        return kept
    for count in range(len(kept), 0, -1):
        trial = _shortened(kept[:count], budget)
        if _seconds(trial) <= budget:
            return trial
    shortest = _seconds(_shortened(kept[:1], None))
    raise TooShort(max(MIN_MINUTES, math.ceil(shortest / 60)))
