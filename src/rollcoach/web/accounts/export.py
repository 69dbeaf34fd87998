"""Everything rollcoach keeps about one person, as plain data they can take with them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.web.coach.models import (
    MobilityCheck,
    PainRating,
    Plan,
    Profile,
    Screening,
    SessionLog,
)
from rollcoach.web.coach.selectors import session_to_dict
from rollcoach.web.community.models import Comment

FORMAT = "rollcoach-export"
VERSION = 1


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _profile(user: User) -> dict[str, Any] | None:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {**profile.to_dict(), "updated_at": _iso(profile.updated_at)}


def _plan(plan: Plan) -> dict[str, Any]:
    return {
        "day": plan.day.isoformat(),
        "stage": plan.stage,
        "total_seconds": plan.total_seconds,
        "days_per_week": plan.days_per_week,
        "created_at": _iso(plan.created_at),
        "data": plan.data,
    }


def _session(log: SessionLog) -> dict[str, Any]:
    return {
        **session_to_dict(log),
        "plan_day": log.plan.day.isoformat() if log.plan else None,
        "timeline": log.timeline,
        "state": log.state,
    }


def export_user_data(user: User) -> dict[str, Any]:
    """All of the user's data, and only theirs; JSON-ready."""
    logs = (
        SessionLog.objects.filter(user=user)
        .select_related("plan")
        .prefetch_related("events")
        .order_by("started_at", "id")
    )
    ratings = PainRating.objects.filter(user=user).order_by("day", "id")
    checks = MobilityCheck.objects.filter(user=user).order_by("day", "id")
    comments = Comment.objects.filter(author=user).order_by("created_at", "pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "user": {
            "username": user.username,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
        },
        "profile": _profile(user),
        "screenings": [
            s.to_dict() for s in Screening.objects.filter(user=user).order_by("taken_at", "id")
        ],
        "plans": [_plan(p) for p in Plan.objects.filter(user=user).order_by("day", "id")],
        "sessions": [_session(log) for log in logs],
        "pain_ratings": [
            {
                "kind": r.kind,
                "value": r.value,
                "day": r.day.isoformat(),
                "recorded_at": _iso(r.recorded_at),
            }
            for r in ratings
        ],
        "mobility_checks": [
            {
                "test": c.test,
                "value": c.value,
                "right": c.right,
                "day": c.day.isoformat(),
                "recorded_at": _iso(c.recorded_at),
            }
            for c in checks
        ],
        "comments": [
            {
                "article": c.article,
                "body": c.body,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
            }
            for c in comments
        ],
    }
