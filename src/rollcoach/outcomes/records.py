from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


def week_start(day: date) -> date:
    """Weeks run Monday to Sunday, as the plan's schedule does."""
    return day - timedelta(days=day.weekday())


def _check_pain(label: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= 10:
        raise ValueError(f"{label} must be from 0 to 10, got {value}")


@dataclass(frozen=True)
class SessionRecord:
    day: date
    completed: bool
    pain_before: int | None = None
    pain_after: int | None = None

    def __post_init__(self) -> None:
        _check_pain("pain before", self.pain_before)
        _check_pain("pain after", self.pain_after)


@dataclass(frozen=True)
class PainRecord:
    """A weekly "average pain this week" rating."""

    day: date
    value: int

    def __post_init__(self) -> None:
        _check_pain("weekly pain", self.value)


@dataclass(frozen=True)
class Measurement:
    """One mobility self-test; `value` is the left side for two-sided tests."""

    test: str
    day: date
    value: float
    right: float | None = None
