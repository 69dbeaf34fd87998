from __future__ import annotations

from dataclasses import dataclass

from rollcoach.catalog.model import Area, Density, Zone
from rollcoach.safety.precautions import CONDITIONS

MIN_MINUTES = 5
MAX_MINUTES = 60


class ProfileError(ValueError):
    pass


@dataclass(frozen=True)
class Profile:
    areas: tuple[Area, ...]  # where it hurts
    rollers: tuple[Density, ...]  # rollers owned; empty means no roller
    minutes: int  # a session
    days_per_week: int = 3
    can_get_to_floor: bool = True
    conditions: tuple[str, ...] = ()  # ids from safety.precautions.CONDITIONS
    avoid_zones: tuple[Zone, ...] = ()

    def __post_init__(self) -> None:
        if not self.areas:
            raise ProfileError("choose at least one area where it hurts")
        for area in self.areas:
            if not isinstance(area, Area):
                raise ProfileError(f"unknown area {area!r}")
        for roller in self.rollers:
            if not isinstance(roller, Density):
                raise ProfileError(f"unknown roller density {roller!r}")
        for zone in self.avoid_zones:
            if not isinstance(zone, Zone):
                raise ProfileError(f"unknown body zone {zone!r}")
        if not MIN_MINUTES <= self.minutes <= MAX_MINUTES:
            raise ProfileError(
                f"minutes must be from {MIN_MINUTES} to {MAX_MINUTES}, got {self.minutes}"
            )
        if not 1 <= self.days_per_week <= 7:
            raise ProfileError(f"days per week must be from 1 to 7, got {self.days_per_week}")
        unknown = [c for c in self.conditions if c not in CONDITIONS]
        if unknown:
            raise ProfileError(
                f"unknown condition {unknown[0]!r}; choose from: {', '.join(CONDITIONS)}"
            )
