"""What the account and delete pages show: the profile in words, and what is stored."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from rollcoach.catalog.model import Area, Density, Zone
from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web.coach.models import (
    Clearance,
    MobilityCheck,
    PainRating,
    Plan,
    Profile,
    Screening,
    SessionLog,
)
from rollcoach.web.community.models import Comment


def _words(values: list[str], kind: type[Area] | type[Density] | type[Zone]) -> str:
    known = {member.value: member.label for member in kind}
    return ", ".join(known.get(value, value).lower() for value in values)


def profile_lines(profile: Profile) -> list[tuple[str, str]]:
    lines = [
        ("Where it hurts", _words(profile.areas, Area) or "not said yet"),
        ("Your rollers", _words(profile.rollers, Density) or "none yet"),
        ("Minutes a session", str(profile.minutes)),
        ("Days a week", str(profile.days_per_week)),
        ("Can get down to the floor", "yes" if profile.can_get_to_floor else "no"),
        (
            "Health conditions",
            ", ".join(CONDITIONS.get(c, c) for c in profile.conditions) or "none given",
        ),
    ]
    if profile.avoid_zones:
        lines.append(("Places left out", _words(profile.avoid_zones, Zone)))
    latest = Clearance.objects.filter(user=profile.user).first()
    if latest is not None:
        lines.append(("Cleared by a clinician", f"{latest.given_on:%d %B %Y}, {latest.clinician}"))
    return lines


def stored_counts(user: User) -> list[tuple[str, int]]:
    return [
        ("Safety screens and checks", Screening.objects.filter(user=user).count()),
        ("Session plans", Plan.objects.filter(user=user).count()),
        ("Sessions", SessionLog.objects.filter(user=user).count()),
        ("Pain ratings", PainRating.objects.filter(user=user).count()),
        ("Mobility checks", MobilityCheck.objects.filter(user=user).count()),
        ("Comments", Comment.objects.filter(author=user).count()),
    ]


def account_summary(user: User) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).first()
    return {
        "profile_lines": profile_lines(profile) if profile else [],
        "stored": stored_counts(user),
    }
