from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.planning.history import PastSession
from rollcoach.session.engine import Event
from rollcoach.web.programme.models import Plan
from rollcoach.web.tracking.models import SessionEvent, SessionLog

FINISHED = {"completed", "stopped", "stopped-sharp-pain"}


def past_sessions(user: User) -> list[PastSession]:
    # Plain rows, not models: a year of sessions holds thousands of events, and every plan reads
    # them all.
    logs = (
        SessionLog.objects.filter(user=user)
        .exclude(status=SessionLog.Status.IN_PROGRESS)
        .order_by("started_at", "id")
        .values_list("id", "started_at", "status", "pain_before", "pain_after")
    )
    sharp: dict[int, list[str]] = {}
    done: dict[int, list[str]] = {}
    events = (
        SessionEvent.objects.filter(log__user=user, kind__in=["sharp-pain", "step-finished"])
        .exclude(exercise="")
        .order_by("at", "id")
        .values_list("log_id", "kind", "exercise")
    )
    for log_id, kind, exercise in events:
        (sharp if kind == "sharp-pain" else done).setdefault(log_id, []).append(exercise)
    return [
        PastSession(
            day=started_at.date(),
            completed=status == SessionLog.Status.COMPLETED,
            pain_before=pain_before,
            pain_after=pain_after,
            sharp_pain=status == SessionLog.Status.SHARP_PAIN,
            exercises=tuple(dict.fromkeys(sharp.get(log_id) or done.get(log_id, []))),
        )
        for log_id, started_at, status, pain_before, pain_after in logs
    ]


def start_session(
    user: User, plan: Plan, *, client_id: str, pain_before: int | None, now: datetime
) -> SessionLog:
    log, _ = SessionLog.objects.get_or_create(
        client_id=client_id,
        defaults={
            "user": user,
            "plan": plan,
            "started_at": now,
            "pain_before": pain_before,
            "timeline": plan.timeline,
        },
    )
    return log


def unfinished_session(user: User, plan: Plan) -> SessionLog | None:
    """The latest session of this plan that was left in progress, to pick up again."""
    return (
        SessionLog.objects.filter(user=user, plan=plan, status=SessionLog.Status.IN_PROGRESS)
        .order_by("-started_at", "-id")
        .first()
    )


def _exercise_at(log: SessionLog, index: int | None) -> str:
    steps = log.timeline.get("steps", [])
    if index is None or not 0 <= index < len(steps):
        return ""
    return steps[index].get("exercise") or ""


def save_progress(
    log: SessionLog,
    state: dict[str, object],
    events: Iterable[Event],
    started: float,
    speed: float = 1.0,
) -> None:
    """Stores the runner state and the events not stored yet; `started` is the clock reading
    at the session start and `speed` how fast that clock runs, so event times map onto wall time."""
    with transaction.atomic():
        stored = log.events.count()
        fresh = list(events)[stored:]
        SessionEvent.objects.bulk_create(
            SessionEvent(
                log=log,
                kind=event.kind,
                step_index=event.step_index,
                exercise=_exercise_at(log, event.step_index),
                at=log.started_at + timedelta(seconds=max(0.0, event.at - started) / speed),
                detail=event.detail[:200],
                seq=stored + offset,
            )
            for offset, event in enumerate(fresh)
        )
        log.state = state
        log.save(update_fields=["state"])


def mark_finished(
    log: SessionLog,
    *,
    status: str,
    pain_after: int | None,
    seconds_active: int,
    now: datetime,
) -> list[str]:
    """Sets the fields of a finished session without saving; returns their names."""
    if status not in FINISHED:
        raise ValueError(f"unknown session status {status!r}")
    log.status = status
    log.pain_after = pain_after
    log.finished_at = now
    log.seconds_active = seconds_active
    return ["status", "pain_after", "finished_at", "seconds_active"]


def finish_session(
    log: SessionLog,
    *,
    status: str,
    pain_after: int | None,
    seconds_active: int,
    now: datetime,
) -> SessionLog:
    fields = mark_finished(
        log, status=status, pain_after=pain_after, seconds_active=seconds_active, now=now
    )
    log.save(update_fields=fields)
    return log
