from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.outcomes.thresholds import SELF_TESTS, SelfTestId, refusal
from rollcoach.safety.pain_score import validate_pain
from rollcoach.web import pagecache
from rollcoach.web.coach.models import MobilityCheck, PainRating
from rollcoach.web.coach.selectors import profile_of


def conditions_of(user: User) -> tuple[str, ...]:
    """The conditions the person has declared in their profile; none without a profile."""
    profile = profile_of(user)
    return tuple(profile.conditions) if profile is not None else ()


def check_mobility(
    test: str, value: float | None, right: float | None, conditions: tuple[str, ...] = ()
) -> None:
    if test not in set(SelfTestId):
        raise ValueError(f"unknown self-test {test!r}; choose from: {', '.join(SelfTestId)}")
    refused = refusal(SelfTestId(test), conditions)
    if refused is not None:
        raise ValueError(refused)
    if value is None:
        raise ValueError(f"{test} needs a score: --value N")
    self_test = SELF_TESTS[SelfTestId(test)]
    low, high = self_test.plausible
    for side in (value, right):
        if side is not None and not low <= side <= high:
            raise ValueError(f"{test} must be between {low:g} and {high:g}, got {side:g}")
    if right is not None and not self_test.two_sided:
        raise ValueError(f"{test} has one score; --right is only for thoracic-rotation")


@transaction.atomic
def record_measures(
    *,
    user: User,
    now: datetime,
    weekly: object = None,
    limit: object = None,
    mobility: str | None = None,
    value: float | None = None,
    right: float | None = None,
) -> list[dict[str, Any]]:
    """Validates everything first, then saves all of it in one transaction. A self-test the
    person's conditions rule out (outcomes.thresholds.self_tests_for) is refused."""
    ratings = []
    if weekly is not None:
        ratings.append((PainRating.Kind.WEEKLY, validate_pain(weekly)))
    if limit is not None:
        ratings.append((PainRating.Kind.LIMIT, validate_pain(limit)))
    if mobility is not None:
        check_mobility(mobility, value, right, conditions_of(user))
    pagecache.changed(user)
    saved: list[dict[str, Any]] = []
    for kind, score in ratings:
        PainRating.objects.create(user=user, kind=kind, value=score, day=now.date())
        saved.append({"what": PainRating.Kind(kind).label, "value": score})
    if mobility is not None and value is not None:
        MobilityCheck.objects.create(
            user=user, test=mobility, value=value, right=right, day=now.date()
        )
        shown = f"{value:g}" if right is None else f"left {value:g}, right {right:g}"
        saved.append({"what": SELF_TESTS[SelfTestId(mobility)].label, "value": shown})
    return saved
