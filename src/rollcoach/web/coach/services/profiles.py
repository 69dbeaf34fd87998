from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.catalog.model import Area, Density, Zone
from rollcoach.planning.profile import MAX_MINUTES, MIN_MINUTES, ProfileError
from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web import pagecache
from rollcoach.web.coach.models import Profile
from rollcoach.web.coach.selectors import profile_of

NO_ROLLER = "none"


def _choices(kind: type[StrEnum], values: list[str], what: str) -> list[str]:
    allowed = [member.value for member in kind]
    for value in values:
        if value not in allowed:
            raise ProfileError(f"unknown {what} {value!r}; choose from: {', '.join(allowed)}")
    return list(dict.fromkeys(values))


def _checked(key: str, value: Any) -> Any:
    if key == "areas":
        return _choices(Area, value, "area")
    if key == "rollers":
        return [] if list(value) == [NO_ROLLER] else _choices(Density, value, "roller")
    if key == "avoid_zones":
        return _choices(Zone, value, "zone")
    if key == "conditions":
        unknown = [c for c in value if c not in CONDITIONS]
        if unknown:
            raise ProfileError(
                f"unknown condition {unknown[0]!r}; see rollcoach profile --list-conditions"
            )
        return list(dict.fromkeys(value))
    return value


@transaction.atomic
def update_profile(*, user: User, changes: Mapping[str, Any]) -> Profile:
    """Applies the given changes (None means unchanged), validates the whole result with the
    planner's own rules, and saves nothing unless all of it is valid."""
    profile = profile_of(user) or Profile(user=user)
    for key, value in changes.items():
        if value is not None:
            setattr(profile, key, _checked(key, value))
    if profile.is_complete:
        profile.to_planning()  # raises ProfileError on values the planner refuses
    elif not MIN_MINUTES <= profile.minutes <= MAX_MINUTES:
        raise ProfileError(
            f"minutes must be from {MIN_MINUTES} to {MAX_MINUTES}, got {profile.minutes}"
        )
    profile.save()
    pagecache.changed(user)
    return profile
