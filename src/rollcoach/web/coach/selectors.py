"""What the views and the terminal app read about a person. Nothing here writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from rollcoach.content.screens import load_pre_session, load_red_flags
from rollcoach.planning.history import PastSession
from rollcoach.planning.progression import decided_by
from rollcoach.planning.schedule import weekly_schedule
from rollcoach.safety.clearance import Clearance as ClearanceRule
from rollcoach.safety.clearance import Gate, gate
from rollcoach.safety.precautions import CONDITIONS, needing_clearance
from rollcoach.safety.redflags import Level
from rollcoach.safety.startback import ADVICE, Risk
from rollcoach.session.engine import IN_PROGRESS, LIVE, STATE_VERSION, SessionStatus
from rollcoach.web.coach.models import (
    Clearance,
    Plan,
    Profile,
    Screening,
    SessionEvent,
    SessionLog,
)

CHECK_HOURS = 12  # how long a clear pre-session check stays valid


def profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def latest_screening(user: User, kind: str) -> Screening | None:
    return Screening.objects.filter(user=user, kind=kind).order_by("-taken_at", "-id").first()


def question_levels() -> dict[str, Level]:
    return {q.id: q.level for q in (*load_red_flags(), *load_pre_session())}


def governing_answers(user: User) -> dict[str, Level] | None:
    """The questions answered yes in the screens that govern now, with their levels: the latest
    full screen, and a pre-session check taken after it. None before the first full screen."""
    full = latest_screening(user, Screening.Kind.RED_FLAGS)
    if full is None:
        return None
    screens = [full]
    check = latest_screening(user, Screening.Kind.PRE_SESSION)
    if check is not None and check.taken_at >= full.taken_at:
        screens.append(check)
    levels = question_levels()
    return {
        qid: levels[qid]
        for screening in screens
        for qid, answer in screening.answers.items()
        if answer is True and qid in levels
    }


def clearance_gate(user: User, profile: Profile | None = None) -> Gate:
    """What stops or pauses the programme now, and what a clinician's review would clear."""
    conditions = profile.conditions if profile is not None else []
    return gate(
        yes=governing_answers(user) or {},
        needing_clearance=needing_clearance(conditions),
        clearances=[
            ClearanceRule(given_on, frozenset(covers))
            for given_on, covers in Clearance.objects.filter(user=user).values_list(
                "given_on", "covers"
            )
        ],
    )


def clearance_labels() -> dict[str, str]:
    """Plain words for what a clearance can cover: each question, and each condition."""
    questions = (*load_red_flags(), *load_pre_session())
    answers = {q.id: f"your answer yes to “{q.text}”" for q in questions}
    return answers | {c: label.lower() for c, label in CONDITIONS.items()}


def safety_level(user: User) -> Level | None:
    """The level that governs the programme now, after any clinician's review; None before the
    first full screen."""
    if governing_answers(user) is None:
        return None
    return clearance_gate(user, profile_of(user)).level


def checked_since_screen(user: User, now: datetime, hours: int = CHECK_HOURS) -> bool:
    """Whether a clear pre-session check was taken recently and after the latest full screen."""
    check = latest_screening(user, Screening.Kind.PRE_SESSION)
    full = latest_screening(user, Screening.Kind.RED_FLAGS)
    if check is None or full is None or check.taken_at < full.taken_at:
        return False
    return check.level == Level.PROCEED and check.taken_at >= now - timedelta(hours=hours)


def plan_owned_by(user: User, pk: int) -> Plan | None:
    """The one place that decides who may see or use a plan: its owner only."""
    return Plan.objects.filter(pk=pk, user=user).first()


def get_plan_for_user(request: HttpRequest, pk: int) -> Plan:
    plan = plan_owned_by(request.user, pk) if isinstance(request.user, User) else None
    if plan is None:
        raise Http404
    return plan


def week_for(user: User, now: datetime) -> list[date]:
    profile = profile_of(user)
    days = profile.days_per_week if profile else 3
    monday = now.date() - timedelta(days=now.date().weekday())
    return weekly_schedule(days, monday)


# How far back a plan reads first: enough for sessions that go well twice a week to decide the
# stage. When the recent days leave a rule open, it reads the earlier days too.
RECENT_DAYS = 60


def past_sessions(user: User, today: date | None = None) -> list[PastSession]:
    """The person's finished sessions, oldest first: with `today`, only the recent ones when
    they plan today as the whole history would."""
    logs = SessionLog.objects.filter(user=user).exclude(status=IN_PROGRESS)
    if today is None:
        return _past(logs)
    start = timezone.make_aware(datetime.combine(today - timedelta(days=RECENT_DAYS), time.min))
    recent = _past(logs.filter(started_at__gte=start))
    if decided_by(recent, today):
        return recent
    return _past(logs.filter(started_at__lt=start)) + recent


def _past(logs: QuerySet[SessionLog]) -> list[PastSession]:
    # Plain rows, not models. Only a sharp-pain stop's exercises and length are ever read, so
    # only a stop's events and timeline are.
    rows = list(
        logs.order_by("started_at", "id").values_list(
            "id", "started_at", "status", "pain_before", "pain_after"
        )
    )
    seconds: dict[int, int] = {}
    sharp: dict[int, list[str]] = {}
    done: dict[int, list[str]] = {}
    if any(status == SessionStatus.STOPPED_SHARP_PAIN for _, _, status, _, _ in rows):
        stops = logs.filter(status=SessionStatus.STOPPED_SHARP_PAIN)
        lengths = stops.values_list("id", "timeline__total_seconds")
        seconds = {log_id: n for log_id, n in lengths if isinstance(n, int)}
        events = (
            SessionEvent.objects.filter(log__in=stops, kind__in=["sharp-pain", "step-finished"])
            .exclude(exercise="")
            .order_by("at", "id")
            .values_list("log_id", "kind", "exercise")
        )
        for log_id, kind, exercise in events:
            (sharp if kind == "sharp-pain" else done).setdefault(log_id, []).append(exercise)
    return [
        PastSession(
            day=timezone.localtime(started_at).date(),
            completed=status == SessionStatus.COMPLETED,
            pain_before=pain_before,
            pain_after=pain_after,
            sharp_pain=status == SessionStatus.STOPPED_SHARP_PAIN,
            exercises=tuple(dict.fromkeys(sharp.get(log_id) or done.get(log_id, []))),
            seconds=seconds.get(log_id),
        )
        for log_id, started_at, status, pain_before, pain_after in rows
    ]


def unfinished_session(user: User, plan: Plan) -> SessionLog | None:
    """The latest session of this plan that was left in progress, to pick up again."""
    return (
        SessionLog.objects.filter(user=user, plan=plan, status=IN_PROGRESS)
        .order_by("-started_at", "-id")
        .first()
    )


def unfinished_of_day(user: User, day: date) -> dict[str, SessionLog]:
    """The latest session left in progress of each of the day's plans, by the plan's purpose:
    the one `unfinished_session` gives the player for that plan."""
    logs = (
        SessionLog.objects.filter(user=user, plan__day=day, status=IN_PROGRESS)
        .select_related("plan")
        .order_by("started_at", "id")
    )
    return {log.plan.purpose: log for log in logs if log.plan is not None}


def last_session(user: User) -> SessionLog | None:
    finished = SessionLog.objects.filter(user=user).exclude(status=IN_PROGRESS)
    return finished.order_by("-started_at", "-id").first()


def completed_days(user: User, start: date, days: int) -> set[date]:
    """The local days from `start` on which the person completed a session."""
    # Local midnights, so a session late on Sunday evening counts for Sunday wherever they are.
    first = timezone.make_aware(datetime.combine(start, time.min))
    logs = SessionLog.objects.filter(
        user=user,
        status=SessionStatus.COMPLETED,
        started_at__gte=first,
        started_at__lt=first + timedelta(days=days),
    ).values_list("started_at", flat=True)
    return {timezone.localtime(started).date() for started in logs}


def start_back_advice(user: User) -> str | None:
    """The STarT Back advice, kept in view when it suggests support alongside the app."""
    taken = latest_screening(user, Screening.Kind.START_BACK)
    if taken is None or taken.level not in (Risk.MEDIUM, Risk.HIGH):
        return None
    return ADVICE[Risk(taken.level)]


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


@dataclass(frozen=True)
class WeekDay:
    day: date
    planned: bool
    done: bool
    today: bool


def week_of(user: User, now: datetime) -> list[WeekDay]:
    """Monday to Sunday of this week: the planned days, and the days with a completed session."""
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    planned = set(week_for(user, now))
    done = completed_days(user, monday, 7)
    days = [monday + timedelta(days=n) for n in range(7)]
    return [WeekDay(day, day in planned, day in done, day == today) for day in days]


def resume_info(log: SessionLog) -> dict[str, Any] | None:
    """An unfinished session in the player's upload shape, paused where it stopped; None when
    its saved state can't be resumed."""
    state = log.state
    if log.status != IN_PROGRESS or not isinstance(state, dict):
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


def resume_state(log: SessionLog, reading: Callable[[datetime], float]) -> dict[str, Any] | None:
    """The runner state of an unfinished session, its events read back as rows; `reading` maps
    a moment onto the resuming runner's clock. None when there is nothing to resume."""
    if not log.live or not isinstance(log.state, dict) or not log.state:
        return None
    events = [
        {
            "kind": row.kind,
            "at": reading(row.at),
            "step_index": row.step_index,
            "detail": row.detail,
        }
        for row in log.events.exclude(seq=None).order_by("seq")
    ]
    return {**log.state, "events": events}
