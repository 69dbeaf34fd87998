"""Session uploads for tests, in the shape the player sends, stored by the real recorder."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.coach.services.sessions import record_session
from rollcoach.web.coach.upload import SessionUpload

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
CLIENT_ID = "3f2a9c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8"


def at(seconds: float, start: datetime = START) -> str:
    return (start + timedelta(seconds=seconds)).isoformat()


def events(
    steps_done: int, *, end: str | None = None, start: datetime = START
) -> list[dict[str, Any]]:
    """The events of a session that finished `steps_done` steps; `end` adds a final event."""
    found = [{"kind": "started", "step_index": None}, {"kind": "step-started", "step_index": 0}]
    for index in range(steps_done):
        found.append({"kind": "step-finished", "step_index": index})
        found.append({"kind": "step-started", "step_index": index + 1})
    if end == "completed":
        found[-1] = {"kind": "completed", "step_index": None}
    elif end:
        found.append({"kind": end, "step_index": steps_done, "detail": ""})
    return [
        {"seq": seq, "at": at(seq, start), "detail": "", **event} for seq, event in enumerate(found)
    ]


def payload(plan: Plan, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "plan_id": plan.pk,
        "revision": 3,
        "status": "running",
        "index": 1,
        "remaining": 10.0,
        "active": 20.5,
        "outcomes": {"0": "done"},
        "pain_before": 5,
        "pain_after": None,
        "started_at": START.isoformat(),
        "events": events(1),
    }
    return base | changes


def finished(plan: Plan, *, start: datetime = START, **changes: Any) -> dict[str, Any]:
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    count = len(steps)
    return (
        payload(
            plan,
            revision=50,
            status="completed",
            index=count,
            remaining=0,
            active=float(plan.total_seconds),
            outcomes={str(i): "done" for i in range(count)},
            pain_after=3,
            started_at=start.isoformat(),
            events=events(count, end="completed", start=start),
        )
        | changes
    )


def record(user: User, body: dict[str, Any]) -> SessionLog:
    """Stores `body` as the recorder stores any upload."""
    upload = SessionUpload.model_validate_json(json.dumps(body))
    return record_session(user=user, upload=upload)


def live_for(user: User, days: int) -> None:
    """`days` days of daily sessions before today: one plan and finished session made by the
    services, then copied a day apart in bulk, as that many days of one programme leave them."""
    start = timezone.now() - timedelta(days=days)
    plan = plan_for_today(user=user, now=start)
    log = record(user, finished(plan, start=start, client_id="heavy-00000"))
    later = range(1, days)
    plans = Plan.objects.bulk_create(
        Plan(
            user=user,
            day=plan.day + timedelta(days=d),
            stage=plan.stage,
            data={**plan.data, "day": (plan.day + timedelta(days=d)).isoformat()},
            total_seconds=plan.total_seconds,
            days_per_week=plan.days_per_week,
            purpose=plan.purpose,
        )
        for d in later
    )
    logs = SessionLog.objects.bulk_create(
        SessionLog(
            user=user,
            plan=day_plan,
            client_id=f"heavy-{d:05d}",
            status=log.status,
            started_at=log.started_at + timedelta(days=d),
            finished_at=log.started_at + timedelta(days=d, seconds=log.seconds_active),
            pain_before=log.pain_before,
            pain_after=log.pain_after,
            timeline=log.timeline,
            state=log.state,
            seconds_active=log.seconds_active,
            revision=log.revision,
        )
        for d, day_plan in zip(later, plans, strict=True)
    )
    copy_events(zip(logs, [log] * len(logs), strict=True))


def copy_events(copies: Iterable[tuple[SessionLog, SessionLog]]) -> None:
    """Gives each copied session its source's events, as far after its start as they were."""
    kept: dict[int, list[SessionEvent]] = {}

    def events_of(source: SessionLog) -> list[SessionEvent]:
        if source.pk not in kept:  # read each source once, however many copies it has
            kept[source.pk] = list(source.events.all())
        return kept[source.pk]

    SessionEvent.objects.bulk_create(
        (
            SessionEvent(
                log=copy,
                kind=e.kind,
                step_index=e.step_index,
                exercise=e.exercise,
                at=e.at + (copy.started_at - source.started_at),
                detail=e.detail,
                seq=e.seq,
            )
            for copy, source in copies
            for e in events_of(source)
        ),
        batch_size=2000,
    )
