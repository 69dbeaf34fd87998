"""The one way a session is recorded, from the browser's uploads and the terminal player alike."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from rollcoach.safety.sharp_pain import REST_TODAY
from rollcoach.session.engine import (
    FINISHED,
    IN_PROGRESS,
    EventKind,
    SessionStatus,
    event_exercise,
    record_status,
)
from rollcoach.web import pagecache
from rollcoach.web.coach.models import SessionEvent, SessionLog
from rollcoach.web.coach.selectors import plan_owned_by
from rollcoach.web.coach.upload import MAX_EVENTS, SessionUpload, UploadError

ENDING_EVENTS = (EventKind.COMPLETED, EventKind.STOPPED, EventKind.SHARP_PAIN)
# Bounds on what one person can make the server keep: a real session has a few hundred events
# at most, and nobody starts twenty sessions in a day (product judgement).
EVENTS_PER_SESSION = MAX_EVENTS
SESSIONS_PER_DAY = 20


class SessionNotFound(UploadError):
    """The plan or session is unknown, or someone else's: both read the same."""


class TooMuch(UploadError):
    """The upload would pass a bound on what one person can store; nothing was stored."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _steps(timeline: object) -> list[dict[str, Any]]:
    steps = timeline.get("steps") if isinstance(timeline, dict) else None
    if not isinstance(steps, list) or not steps:
        raise UploadError("this plan has no steps to record")
    return steps


def _locked(client_id: str) -> SessionLog | None:
    return SessionLog.objects.select_for_update().filter(client_id=client_id).first()


def _stored(client_id: str) -> bool:
    # Read without a lock: most uploads are of a stored session, and one that is not needs
    # reads (the plan, the day so far) that SQLite's writers need not wait for.
    return SessionLog.objects.filter(client_id=client_id).exists()


def _check_day(user: User, upload: SessionUpload) -> None:
    # Read before the write transaction: two new sessions started at the same instant may both
    # pass, which costs at most one session over the bound.
    day = timezone.localtime(upload.started_at).date()
    start = timezone.make_aware(datetime.combine(day, time.min))
    begun = SessionLog.objects.filter(
        user=user, started_at__gte=start, started_at__lt=start + timedelta(days=1)
    )
    day_so_far = begun.aggregate(
        started=Count("pk"),
        stopped=Count(
            "pk",
            filter=Q(status=SessionStatus.STOPPED_SHARP_PAIN, started_at__lt=upload.started_at),
        ),
    )
    if day_so_far["stopped"]:
        raise TooMuch(REST_TODAY, 422)  # sending it again will never store it
    if day_so_far["started"] >= SESSIONS_PER_DAY:
        raise TooMuch(
            f"You have started {SESSIONS_PER_DAY} sessions on {day:%d %B}, the most one day can "
            "hold; this one was not saved.",
            422,  # not a rate: sending it again will never store it, so the player keeps it
        )


def _new_log(user: User, upload: SessionUpload) -> SessionLog | None:
    """Stores the session's first row and its events; None when a concurrent upload stored
    the session first (or its plan went), and nothing was written."""
    plan = plan_owned_by(user, upload.plan_id)
    if plan is None:
        raise SessionNotFound("No such plan.")
    timeline = plan.timeline
    upload.check_fits(_steps(timeline))
    _check_day(user, upload)
    log = SessionLog(
        user=user,
        plan_id=upload.plan_id,
        client_id=upload.client_id,
        started_at=upload.started_at,
        pain_before=upload.pain_before,
        timeline=timeline,
    )
    if upload.revision > log.revision:
        _take_newer(log, upload)  # stored in the one insert
    try:
        with transaction.atomic():
            log.save(force_insert=True)
            _add_events(log, upload, new=True)
    except IntegrityError:
        return None
    return log


def _check_stored(user: User, log: SessionLog, upload: SessionUpload) -> None:
    if log.user_id != user.pk:
        raise SessionNotFound("No such session.")
    if log.plan_id != upload.plan_id:
        if plan_owned_by(user, upload.plan_id) is None:
            raise SessionNotFound("No such plan.")
        if log.plan_id is not None:
            raise UploadError("this session belongs to another plan")
    upload.check_fits(_steps(log.timeline))


def _add_events(log: SessionLog, upload: SessionUpload, *, new: bool) -> None:
    stored = set() if new else set(log.events.values_list("seq", flat=True))
    fresh = [event for event in upload.events if event.seq not in stored]
    if len(stored) + len(fresh) > EVENTS_PER_SESSION:
        raise TooMuch(
            f"This session already holds the most events one session can "
            f"({EVENTS_PER_SESSION}); the rest were not saved.",
            413,
        )
    slugs = [step.get("exercise") for step in _steps(log.timeline)]
    SessionEvent.objects.bulk_create(
        SessionEvent(
            log=log,
            seq=event.seq,
            kind=event.kind,
            step_index=event.step_index,
            exercise=event_exercise(slugs, event.kind, event.step_index),
            at=event.at,
            detail=event.detail,
        )
        for event in fresh
    )


def _take_newer(log: SessionLog, upload: SessionUpload) -> list[str]:
    """Moves the log to the upload's state; returns the fields to save."""
    log.revision = upload.revision
    if log.status != IN_PROGRESS:
        # Finished stays finished; only the pain rating asked at the end may still arrive.
        if upload.pain_after is not None:
            log.pain_after = upload.pain_after
        return ["revision", "pain_after"]
    log.pain_before = upload.pain_before
    log.state = upload.engine_state(_steps(log.timeline))
    fields = ["revision", "pain_before", "state"]
    if upload.status in FINISHED:
        # The upload holds the player's whole state, so its own ending is usually in it.
        ends = [event.at for event in upload.events if event.kind in ENDING_EVENTS]
        ended = max(ends, default=None)
        if ended is None and log.pk is not None:
            ended = log.events.filter(kind__in=ENDING_EVENTS).aggregate(at=Max("at"))["at"]
        log.status = record_status(upload.status)
        log.pain_after = upload.pain_after
        log.finished_at = ended or upload.started_at
        log.seconds_active = round(upload.active)
        fields += ["status", "pain_after", "finished_at", "seconds_active"]
    return fields


def _record_again(user: User, upload: SessionUpload) -> SessionLog:
    """A later upload of a stored session: its new events are added, a newer state wins."""
    with transaction.atomic():
        log = _locked(upload.client_id)
        if log is None:
            raise SessionNotFound("No such plan.")
        _check_stored(user, log, upload)
        _add_events(log, upload, new=False)
        if upload.revision > log.revision:
            log.save(update_fields=_take_newer(log, upload))
    return log


def record_session(*, user: User, upload: SessionUpload) -> SessionLog:
    """Stores an upload of a session exactly once, in one transaction: its new events are
    added, and its state replaces the stored one only when it is newer. Raises UploadError,
    storing nothing."""
    log = None if _stored(upload.client_id) else _new_log(user, upload)
    if log is None:  # stored before, or by a concurrent upload since the first look
        log = _record_again(user, upload)
    pagecache.changed(user)
    return log
