"""Uploads from the browser's session player: one payload is the player's whole state.

A payload may arrive twice, late, or after a newer one: `client_id` names the session, `seq`
names each event and `revision` orders the states, so every upload is stored exactly once and
an older state never overwrites a newer one."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from rollcoach.safety.pain_score import PainScoreError, validate_pain
from rollcoach.session.engine import STATE_VERSION, EventKind, SessionStatus
from rollcoach.web import ratelimit
from rollcoach.web.programme.models import Plan
from rollcoach.web.programme.services import plan_owned_by, timeline_for_upload
from rollcoach.web.tracking import rows
from rollcoach.web.tracking.models import SessionEvent, SessionLog
from rollcoach.web.tracking.services import mark_finished

LIVE = frozenset({SessionStatus.RUNNING.value, SessionStatus.PAUSED.value})
FINISHED = frozenset(
    {
        SessionStatus.COMPLETED.value,
        SessionStatus.STOPPED.value,
        SessionStatus.STOPPED_SHARP_PAIN.value,
    }
)
EVENT_KINDS = frozenset(kind.value for kind in EventKind)
ENDING_EVENTS = frozenset({EventKind.COMPLETED, EventKind.STOPPED, EventKind.SHARP_PAIN})
OUTCOMES = frozenset({"done", "skipped"})
CLIENT_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
MAX_EVENTS = 2000
MAX_SECONDS = 24 * 3600
MAX_COUNTER = 2**31 - 1
REQUIRED = (
    "client_id",
    "plan_id",
    "revision",
    "status",
    "index",
    "remaining",
    "active",
    "outcomes",
    "pain_before",
    "pain_after",
    "started_at",
    "events",
)
# Generous: a session saves once a step, and an offline backlog flushes one payload a session.
SYNC_LIMIT = (600, 600)


class SyncError(ValueError):
    """The payload is malformed; nothing was stored."""


class SyncNotFound(SyncError):
    """The plan or session is unknown, or someone else's: both read the same."""


@dataclass(frozen=True)
class SyncEvent:
    seq: int
    kind: str
    step_index: int | None
    at: datetime
    detail: str


@dataclass(frozen=True)
class SyncPayload:
    client_id: str
    plan_id: int
    revision: int
    status: str
    index: int
    remaining: float
    active: float
    outcomes: dict[str, str]
    pain_before: int
    pain_after: int | None
    started_at: datetime
    events: tuple[SyncEvent, ...]

    @property
    def log_status(self) -> str:
        return SessionLog.Status.IN_PROGRESS if self.status in LIVE else self.status


def _whole(value: object, name: str, low: int, high: int) -> int:
    # bool is an int subclass: true must not pass as 1.
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise SyncError(f"{name} must be a whole number from {low} to {high}")
    return value


def _seconds(value: object, name: str, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SyncError(f"{name} must be a number of seconds")
    if not math.isfinite(value) or not 0 <= value <= high:
        raise SyncError(f"{name} must be between 0 and {high:g} seconds")
    return float(value)


def _moment(value: object, name: str) -> datetime:
    try:
        parsed = parse_datetime(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:  # well formed but impossible, like 30 February
        parsed = None
    if parsed is None:
        raise SyncError(f"{name} must be a date and time like 2026-05-01T09:30:00Z")
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _pain(value: object, name: str) -> int:
    try:
        return validate_pain(value)
    except PainScoreError as error:
        raise SyncError(f"{name}: {error}") from error


def _event(raw: object, steps: int) -> SyncEvent:
    if not isinstance(raw, dict):
        raise SyncError("each event must be an object with seq, kind, step_index, at, detail")
    for field in ("seq", "kind", "step_index", "at"):
        if field not in raw:
            raise SyncError(f"an event is missing {field!r}")
    kind = raw["kind"]
    if not isinstance(kind, str) or kind not in EVENT_KINDS:
        raise SyncError(f"unknown event kind {str(kind)[:40]!r}")
    index = raw["step_index"]
    if index is not None:
        index = _whole(index, "an event's step_index", 0, steps - 1)
    detail = raw.get("detail", "")
    if not isinstance(detail, str):
        raise SyncError("an event's detail must be text")
    return SyncEvent(
        seq=_whole(raw["seq"], "an event's seq", 0, MAX_COUNTER),
        kind=kind,
        step_index=index,
        at=_moment(raw["at"], "an event's at"),
        detail=detail[:200],
    )


def _outcomes(raw: object, steps: int) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise SyncError("outcomes must map step numbers to 'done' or 'skipped'")
    outcomes = {}
    for key, value in raw.items():
        if not (isinstance(key, str) and key.isascii() and key.isdigit() and int(key) < steps):
            raise SyncError(f"outcomes names a step outside the session: {str(key)[:12]!r}")
        if not isinstance(value, str) or value not in OUTCOMES:
            raise SyncError("each outcome must be 'done' or 'skipped'")
        outcomes[str(int(key))] = value
    return outcomes


def _identity(payload: Mapping[str, Any]) -> tuple[str, int]:
    if not isinstance(payload, Mapping):
        raise SyncError("the body must be a JSON object")
    missing = [field for field in REQUIRED if field not in payload]
    if missing:
        raise SyncError(f"missing field {missing[0]!r}")
    client_id = payload["client_id"]
    if not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id):
        raise SyncError("client_id must be 8 to 64 letters, digits or dashes")
    return client_id, _whole(payload["plan_id"], "plan_id", 1, 2**63 - 1)


def parse_payload(payload: Mapping[str, Any], steps: list[dict[str, Any]]) -> SyncPayload:
    """Checks every field against the session's own timeline; raises SyncError."""
    client_id, plan_id = _identity(payload)
    status = payload["status"]
    if not isinstance(status, str) or status not in LIVE | FINISHED:
        raise SyncError(f"unknown status; use one of {', '.join(sorted(LIVE | FINISHED))}")
    # A finished session may point one past its last step.
    last = len(steps) - (0 if status in FINISHED else 1)
    index = _whole(payload["index"], "index", 0, last)
    step_seconds = steps[index]["seconds"] if index < len(steps) else 0
    raw_events = payload["events"]
    if not isinstance(raw_events, list) or len(raw_events) > MAX_EVENTS:
        raise SyncError(f"events must be a list of at most {MAX_EVENTS}")
    events = tuple(_event(raw, len(steps)) for raw in raw_events)
    seqs = [event.seq for event in events]
    if len(set(seqs)) != len(seqs):
        raise SyncError("two events share one seq")
    pain_after = payload["pain_after"]
    return SyncPayload(
        client_id=client_id,
        plan_id=plan_id,
        revision=_whole(payload["revision"], "revision", 1, MAX_COUNTER),
        status=str(status),
        index=index,
        remaining=_seconds(payload["remaining"], "remaining", step_seconds),
        active=_seconds(payload["active"], "active", MAX_SECONDS),
        outcomes=_outcomes(payload["outcomes"], len(steps)),
        pain_before=_pain(payload["pain_before"], "pain_before"),
        pain_after=None if pain_after is None else _pain(pain_after, "pain_after"),
        started_at=_moment(payload["started_at"], "started_at"),
        events=events,
    )


def _exercise_near(steps: list[dict[str, Any]], index: int | None, kind: str) -> str:
    if index is None:
        return ""
    # Sharp pain during a rest belongs to the exercise just done, as in the session engine.
    reach = steps[: index + 1] if kind == EventKind.SHARP_PAIN else steps[index : index + 1]
    for step in reversed(reach):
        if step.get("exercise"):
            return str(step["exercise"])
    return ""


def _event_row(log: SessionLog, event: SyncEvent) -> SessionEvent:
    return SessionEvent(
        log=log,
        seq=event.seq,
        kind=event.kind,
        step_index=event.step_index,
        exercise=_exercise_near(log.timeline["steps"], event.step_index, event.kind),
        at=event.at,
        detail=event.detail,
    )


def _merge_events(log: SessionLog, events: tuple[SyncEvent, ...]) -> list[dict[str, Any]]:
    """Stores the events not stored yet; returns all of them by seq, in the engine's shape."""
    stored: dict[int, dict[str, Any]] = {
        seq: _engine_event(kind, at, step_index, detail)
        for seq, kind, at, step_index, detail in rows.stored_events(log)
        if seq is not None  # events stored before uploads were numbered
    }
    fresh = [event for event in events if event.seq not in stored]
    rows.add_events(log, [_event_row(log, event) for event in fresh])
    for event in fresh:
        stored[event.seq] = _engine_event(event.kind, event.at, event.step_index, event.detail)
    return [stored[seq] for seq in sorted(stored)]


def _engine_event(kind: str, at: datetime, step_index: int | None, detail: str) -> dict[str, Any]:
    return {"kind": kind, "at": at.timestamp(), "step_index": step_index, "detail": detail}


def _engine_state(
    steps: list[dict[str, Any]], sync: SyncPayload, events: list[dict[str, Any]]
) -> dict[str, Any]:
    """The state in the session engine's own shape, so the terminal app can pick it up too."""
    elapsed = steps[sync.index]["seconds"] - sync.remaining if sync.index < len(steps) else 0.0
    return {
        "version": STATE_VERSION,
        "steps": len(steps),
        "status": sync.status,
        "index": sync.index,
        "elapsed": elapsed if sync.status in LIVE else 0.0,
        "active": sync.active,
        "outcomes": sync.outcomes,
        "events": events,
    }


def _ended_at(sync: SyncPayload) -> datetime:
    endings = [event.at for event in sync.events if event.kind in ENDING_EVENTS]
    return max(endings) if endings else timezone.now()


def _finish(log: SessionLog, sync: SyncPayload) -> list[str]:
    return mark_finished(
        log,
        status=sync.status,
        pain_after=sync.pain_after,
        seconds_active=round(sync.active),
        now=_ended_at(sync),
    )


def _take_newer(log: SessionLog, sync: SyncPayload, events: list[dict[str, Any]]) -> list[str]:
    """Moves the log to the payload's state; returns the fields to save."""
    log.revision = sync.revision
    if log.status != SessionLog.Status.IN_PROGRESS:
        # Finished stays finished; only the pain rating asked at the end may still arrive.
        if sync.pain_after is not None:
            log.pain_after = sync.pain_after
        return ["revision", "pain_after"]
    log.pain_before = sync.pain_before
    log.state = _engine_state(log.timeline["steps"], sync, events)
    fields = ["revision", "pain_before", "state"]
    if sync.status in FINISHED:
        fields += _finish(log, sync)
    return fields


def _steps(timeline: object) -> list[dict[str, Any]]:
    steps = timeline.get("steps") if isinstance(timeline, dict) else None
    if not isinstance(steps, list) or not steps:
        raise SyncError("this plan has no steps to record")
    return steps


def _owned_plan(user: User, plan_id: int) -> Plan:
    plan = plan_owned_by(user, plan_id)
    if plan is None:
        raise SyncNotFound("No such plan.")
    return plan


def _record_new(
    user: User, plan_id: int, timeline: dict[str, Any], payload: Mapping[str, Any]
) -> SessionLog | None:
    """The first upload of a session; None when the same session was stored first, at the same
    moment, and nothing was written."""
    steps = _steps(timeline)
    sync = parse_payload(payload, steps)
    ordered = sorted(sync.events, key=lambda event: event.seq)
    events = [_engine_event(e.kind, e.at, e.step_index, e.detail) for e in ordered]
    log = SessionLog(
        user=user,
        plan_id=plan_id,
        client_id=sync.client_id,
        started_at=sync.started_at,
        pain_before=sync.pain_before,
        timeline=timeline,
        revision=sync.revision,
        state=_engine_state(steps, sync, events),
    )
    if sync.status in FINISHED:
        _finish(log, sync)
    try:
        stored = rows.insert_new(log, [_event_row(log, event) for event in ordered])
    except IntegrityError as error:  # the plan was deleted after it was read
        raise SyncNotFound("No such plan.") from error
    return log if stored else None


def _record_again(
    user: User, plan_id: int, client_id: str, payload: Mapping[str, Any]
) -> SessionLog:
    """A later upload of a session already stored: events merge in, a newer state wins."""
    with transaction.atomic():
        log = rows.locked_log(client_id)
        if log is None or log.user_id != user.pk:
            raise SyncNotFound("No such session.")
        if log.plan_id != plan_id:
            _owned_plan(user, plan_id)
            if log.plan_id is not None:
                raise SyncError("this session belongs to another plan")
        sync = parse_payload(payload, _steps(log.timeline))
        events = _merge_events(log, sync.events)
        if sync.revision > log.revision:
            rows.save_fields(log, _take_newer(log, sync, events))
        elif log.status == SessionLog.Status.IN_PROGRESS:
            # Older news still brings events; keep the engine's copy of them complete.
            log.state = {**log.state, "events": events}
            rows.save_fields(log, ["state"])
    return log


def apply_sync(user: User, payload: Mapping[str, Any]) -> SessionLog:
    """Validates the whole payload first, then stores it in one transaction. A later upload of a
    stored session needs no plan: the session's own plan was the person's when it was stored."""
    client_id, plan_id = _identity(payload)
    stored, timeline = timeline_for_upload(user, plan_id, client_id)
    if not stored:
        if timeline is None:
            raise SyncNotFound("No such plan.")
        log = _record_new(user, plan_id, timeline, payload)
        if log is not None:
            return log
        # The same session arrived twice at once: the other copy is stored now.
    return _record_again(user, plan_id, client_id, payload)


def resume_info(log: SessionLog) -> dict[str, Any] | None:
    """An unfinished session in the player's own shape, paused where it stopped; None when its
    saved state can't be resumed."""
    state = log.state
    if log.status != SessionLog.Status.IN_PROGRESS or not isinstance(state, dict):
        return None
    try:
        steps = log.timeline["steps"]
        index = int(state["index"])
        if state.get("version") != STATE_VERSION or state["status"] not in LIVE:
            return None
        if not 0 <= index < len(steps) or state.get("steps") != len(steps):
            return None
        remaining = max(0.0, float(steps[index]["seconds"]) - float(state["elapsed"]))
        active = float(state["active"])
        outcomes = {str(key): str(value) for key, value in state["outcomes"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return {
        "client_id": log.client_id,
        "plan_id": log.plan_id,
        "revision": log.revision,
        "status": SessionStatus.PAUSED.value,
        "index": index,
        "remaining": remaining,
        "active": active,
        "outcomes": outcomes,
        "pain_before": log.pain_before,
        "pain_after": log.pain_after,
        "started_at": log.started_at.isoformat(),
        "events": [
            {
                "seq": row.seq,
                "kind": row.kind,
                "step_index": row.step_index,
                "at": row.at.isoformat(),
                "detail": row.detail,
            }
            for row in log.events.exclude(seq=None).order_by("seq")
        ],
    }


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def sync_session(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        return _error("Log in to save your session.", 401)
    if not ratelimit.hit("session-sync", str(user.pk), *SYNC_LIMIT):
        return _error("Too many uploads at once; the player will try again shortly.", 429)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _error("The body must be JSON.", 400)
    try:
        log = apply_sync(user, payload)
    except SyncNotFound as missing:
        return _error(str(missing), 404)
    except SyncError as error:
        return _error(str(error), 400)
    return JsonResponse({"ok": True, "revision": log.revision, "status": log.status})
