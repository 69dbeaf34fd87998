"""Everything rollcoach keeps about one person, as plain data they can take with them."""

from __future__ import annotations

import json
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
# Version 2 writes each distinct timeline once, in "timelines", and plans and sessions name theirs
# by its place in that list. Version 1 copied the whole timeline into every plan and every
# session, so an export grew by two timelines a session although a person has only a few.
VERSION = 2


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _profile(user: User) -> dict[str, Any] | None:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {**profile.to_dict(), "updated_at": _iso(profile.updated_at)}


class _Timelines:
    """Each distinct timeline once, in the order first met."""

    def __init__(self) -> None:
        self.found: list[Any] = []
        self.places: dict[str, int] = {}

    def place(self, timeline: Any) -> int:
        key = json.dumps(timeline, sort_keys=True)
        if key not in self.places:
            self.places[key] = len(self.found)
            self.found.append(timeline)
        return self.places[key]


def _plan(plan: Plan, timelines: _Timelines) -> dict[str, Any]:
    data = dict(plan.data)
    return {
        "id": plan.pk,
        "day": plan.day.isoformat(),
        "stage": plan.stage,
        "total_seconds": plan.total_seconds,
        "days_per_week": plan.days_per_week,
        "created_at": _iso(plan.created_at),
        "timeline": timelines.place(data.pop("timeline", None)),
        "data": data,
    }


def _session(log: SessionLog, timelines: _Timelines) -> dict[str, Any]:
    return {
        **session_to_dict(log),
        "plan_id": log.plan_id,
        "plan_day": log.plan.day.isoformat() if log.plan else None,
        "timeline": timelines.place(log.timeline),
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
    timelines = _Timelines()
    plans = [_plan(p, timelines) for p in Plan.objects.filter(user=user).order_by("day", "id")]
    sessions = [_session(log, timelines) for log in logs]
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
        "timelines": timelines.found,
        "plans": plans,
        "sessions": sessions,
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


def expand_export(data: dict[str, Any]) -> dict[str, Any]:
    """An export of either version with each plan and session holding its own timeline again,
    where version 1 put it: version 1 comes back as it is, so one reader serves both."""
    if data.get("format") != FORMAT or data.get("version") not in range(1, VERSION + 1):
        raise ValueError(f"not a {FORMAT} of version 1 to {VERSION}")
    if data["version"] == 1:
        return data
    timelines = data["timelines"]

    def plan(p: dict[str, Any]) -> dict[str, Any]:
        rest = {key: value for key, value in p.items() if key != "timeline"}
        return {**rest, "data": {**p["data"], "timeline": timelines[p["timeline"]]}}

    expanded = {key: value for key, value in data.items() if key != "timelines"}
    expanded["plans"] = [plan(p) for p in data["plans"]]
    expanded["sessions"] = [{**s, "timeline": timelines[s["timeline"]]} for s in data["sessions"]]
    return expanded
