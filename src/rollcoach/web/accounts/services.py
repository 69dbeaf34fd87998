from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User

from rollcoach.catalog.model import Area, Density, Zone
from rollcoach.planning.profile import ProfileError
from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web.accounts.models import Profile


def local_user() -> User:
    """The person the terminal app acts for on their own machine: no login needed."""
    user, created = User.objects.get_or_create(username=settings.CLI_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def _choices(kind: type[StrEnum], values: list[str], what: str) -> list[str]:
    allowed = [member.value for member in kind]
    for value in values:
        if value not in allowed:
            raise ProfileError(f"unknown {what} {value!r}; choose from: {', '.join(allowed)}")
    return list(dict.fromkeys(values))


def update_profile(
    user: User, changes: Mapping[str, Any], cleared_at: datetime | None = None
) -> Profile:
    """Applies the given changes (None means unchanged), validates the whole result with the
    planner's own rules, and saves nothing unless all of it is valid."""
    profile = profile_of(user) or Profile(user=user)
    for key, value in changes.items():
        if value is None:
            continue
        if key == "areas":
            value = _choices(Area, value, "area")
        elif key == "rollers":
            value = [] if list(value) == ["none"] else _choices(Density, value, "roller")
        elif key == "avoid_zones":
            value = _choices(Zone, value, "zone")
        elif key == "conditions":
            for condition in value:
                if condition not in CONDITIONS:
                    raise ProfileError(
                        f"unknown condition {condition!r}; see rollcoach profile --list-conditions"
                    )
            value = list(dict.fromkeys(value))
        setattr(profile, key, value)
    if profile.is_complete:
        profile.to_planning()  # raises ProfileError on values the planner refuses
    elif not 5 <= profile.minutes <= 60:
        raise ProfileError(f"minutes must be from 5 to 60, got {profile.minutes}")
    if cleared_at is not None:
        profile.cleared_at = cleared_at
    profile.save()
    return profile
