from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FLARE_POINTS = 2  # a rise of 2 on the 0-10 scale is the smallest change that matters


@dataclass(frozen=True)
class PastSession:
    day: date
    completed: bool
    pain_before: int | None  # 0-10
    pain_after: int | None  # 0-10
    sharp_pain: bool = False
    # With sharp pain: the exercises it happened in; otherwise those done.
    exercises: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for label, value in (("before", self.pain_before), ("after", self.pain_after)):
            if value is not None and not 0 <= value <= 10:
                raise ValueError(f"pain {label} must be from 0 to 10, got {value}")

    @property
    def flare(self) -> bool:
        if self.pain_before is None or self.pain_after is None:
            return False
        return self.pain_after >= self.pain_before + FLARE_POINTS

    @property
    def setback(self) -> bool:
        return self.flare or self.sharp_pain

    @property
    def well_tolerated(self) -> bool:
        if not self.completed or self.sharp_pain:
            return False
        if self.pain_before is None or self.pain_after is None:
            return True
        return self.pain_after <= self.pain_before
