from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.safety.session_rules import validate_pain
from rollcoach.web.tracking.models import MobilityCheck, PainRating, SessionLog

# Plausible ranges; a value outside is a typing slip, not a measurement.
MOBILITY_RANGES: dict[str, tuple[float, float]] = {
    MobilityCheck.Test.THORACIC_ROTATION: (0, 120),
    MobilityCheck.Test.FINGERTIP_FLOOR: (-40, 80),
    MobilityCheck.Test.OCCIPUT_WALL: (0, 40),
    MobilityCheck.Test.SIT_REACH: (-40, 60),
}


def _check_mobility(test: str, value: float | None, right: float | None) -> None:
    if test not in MOBILITY_RANGES:
        raise ValueError(f"unknown self-test {test!r}; choose from: {', '.join(MOBILITY_RANGES)}")
    if value is None:
        raise ValueError(f"{test} needs a score: --value N")
    low, high = MOBILITY_RANGES[test]
    for side in (value, right):
        if side is not None and not low <= side <= high:
            raise ValueError(f"{test} must be between {low:g} and {high:g}, got {side:g}")
    if right is not None and test != MobilityCheck.Test.THORACIC_ROTATION:
        raise ValueError(f"{test} has one score; --right is only for thoracic-rotation")


def record_measures(
    user: User,
    now: datetime,
    *,
    weekly: object = None,
    limit: object = None,
    mobility: str | None = None,
    value: float | None = None,
    right: float | None = None,
) -> list[dict[str, Any]]:
    """Validates everything first, then saves all of it in one transaction."""
    ratings = []
    if weekly is not None:
        ratings.append((PainRating.Kind.WEEKLY, validate_pain(weekly)))
    if limit is not None:
        ratings.append((PainRating.Kind.LIMIT, validate_pain(limit)))
    if mobility is not None:
        _check_mobility(mobility, value, right)
    saved: list[dict[str, Any]] = []
    with transaction.atomic():
        for kind, score in ratings:
            PainRating.objects.create(user=user, kind=kind, value=score, day=now.date())
            saved.append({"what": PainRating.Kind(kind).label, "value": score})
        if mobility is not None and value is not None:
            MobilityCheck.objects.create(
                user=user, test=mobility, value=value, right=right, day=now.date()
            )
            shown = f"{value:g}" if right is None else f"left {value:g}, right {right:g}"
            saved.append({"what": MobilityCheck.Test(mobility).label, "value": shown})
    return saved


def session_to_dict(log: SessionLog) -> dict[str, Any]:
    return {
        "id": log.pk,
        "client_id": log.client_id,
        "started_at": log.started_at.isoformat(),
        "finished_at": log.finished_at.isoformat() if log.finished_at else None,
        "status": log.status,
        "pain_before": log.pain_before,
        "pain_after": log.pain_after,
        "seconds_active": log.seconds_active,
        "events": [
            {
                "kind": event.kind,
                "step_index": event.step_index,
                "exercise": event.exercise,
                "at": event.at.isoformat(),
                "detail": event.detail,
            }
            for event in log.events.all()
        ],
    }


def session_history(user: User) -> list[dict[str, Any]]:
    logs = SessionLog.objects.filter(user=user).prefetch_related("events").order_by("-started_at")
    return [session_to_dict(log) for log in logs]
