"""What the account and delete pages show: the profile in words, and what is stored."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web.accounts.comments import comments_of
from rollcoach.web.accounts.models import Profile
from rollcoach.web.programme.models import Plan, Screening
from rollcoach.web.tracking.models import MobilityCheck, PainRating, SessionLog


def _words(values: list[str]) -> str:
    return ", ".join(value.replace("-", " ") for value in values)


def profile_lines(profile: Profile) -> list[tuple[str, str]]:
    lines = [
        ("Where it hurts", _words(profile.areas) or "not said yet"),
        ("Your rollers", _words(profile.rollers) or "none yet"),
        ("Minutes a session", str(profile.minutes)),
        ("Days a week", str(profile.days_per_week)),
        ("Can get down to the floor", "yes" if profile.can_get_to_floor else "no"),
        (
            "Health conditions",
            ", ".join(CONDITIONS.get(c, c) for c in profile.conditions) or "none given",
        ),
    ]
    if profile.avoid_zones:
        lines.append(("Places left out", _words(profile.avoid_zones)))
    if profile.cleared_at:
        lines.append(("Cleared by a clinician", f"{profile.cleared_at:%d %B %Y}"))
    return lines


def stored_counts(user: User) -> list[tuple[str, int]]:
    comments = comments_of(user)
    counts = [
        ("Safety screens and checks", Screening.objects.filter(user=user).count()),
        ("Session plans", Plan.objects.filter(user=user).count()),
        ("Sessions", SessionLog.objects.filter(user=user).count()),
        ("Pain ratings", PainRating.objects.filter(user=user).count()),
        ("Mobility checks", MobilityCheck.objects.filter(user=user).count()),
    ]
    if comments is not None:
        counts.append(("Comments", comments.count()))
    return counts


def account_summary(user: User) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).first()
    return {
        "profile_lines": profile_lines(profile) if profile else [],
        "stored": stored_counts(user),
    }
