from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rollcoach.safety.flare import FLARE_RISE, SessionPain


@dataclass(frozen=True)
class PastSession:
    day: date
    completed: bool
    pain_before: int | None  # 0-10
    pain_after: int | None  # 0-10
    sharp_pain: bool = False
    # The planner reads these of a sharp-pain stop only: the exercises it happened in (else
    # those done), and how long its plan was.
    exercises: tuple[str, ...] = ()
    seconds: int | None = None

    def __post_init__(self) -> None:
        for label, value in (("before", self.pain_before), ("after", self.pain_after)):
            if value is not None and not 0 <= value <= 10:
                raise ValueError(f"pain {label} must be from 0 to 10, got {value}")

    @property
    def pain(self) -> SessionPain:
        return SessionPain(self.pain_before, self.pain_after, self.sharp_pain, self.completed)

    @property
    def flare(self) -> bool:
        return self.pain.rise is not None and self.pain.rise >= FLARE_RISE

    @property
    def setback(self) -> bool:
        return self.pain.flared or self.pain.high_before

    @property
    def well_tolerated(self) -> bool:
        """Finished with both scores and no rise the flare rule counts; missing scores are
        unknown, never good."""
        rise = self.pain.rise
        return self.completed and not self.sharp_pain and rise is not None and rise < FLARE_RISE
