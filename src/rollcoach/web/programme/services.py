from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import Http404, HttpRequest

from rollcoach.catalog.model import Zone
from rollcoach.content.loader import load_catalog
from rollcoach.content.screens import load_pre_session, load_red_flags
from rollcoach.planning.planner import PlanBlocked, plan_session
from rollcoach.planning.schedule import weekly_schedule
from rollcoach.safety.precautions import restrictions_for
from rollcoach.safety.redflags import GUIDANCE, Level, Question, ScreenResult, screen
from rollcoach.safety.startback import StartBackResult, score
from rollcoach.web.accounts.services import profile_of
from rollcoach.web.programme.models import Plan, Screening
from rollcoach.web.tracking.models import SessionLog
from rollcoach.web.tracking.services import past_sessions


def latest_screening(user: User, kind: str) -> Screening | None:
    return Screening.objects.filter(user=user, kind=kind).order_by("-taken_at", "-id").first()


def _take_screen(
    user: User,
    kind: str,
    questions: Sequence[Question],
    answers: Mapping[str, object],
    now: datetime,
) -> tuple[Screening, ScreenResult]:
    result = screen(questions, answers)  # raises AnswerError before anything is stored
    saved = Screening.objects.create(
        user=user,
        kind=kind,
        answers=dict(result.answers),
        level=result.level.value,
        result=result.to_dict(),
        taken_at=now,
    )
    return saved, result


def take_red_flag_screen(
    user: User, answers: Mapping[str, object], now: datetime
) -> tuple[Screening, ScreenResult]:
    return _take_screen(user, Screening.Kind.RED_FLAGS, load_red_flags(), answers, now)


def take_pre_session_check(
    user: User, answers: Mapping[str, object], now: datetime
) -> tuple[Screening, ScreenResult]:
    return _take_screen(user, Screening.Kind.PRE_SESSION, load_pre_session(), answers, now)


def take_start_back(
    user: User, answers: Mapping[str, object], now: datetime
) -> tuple[Screening, StartBackResult]:
    result = score(answers)
    saved = Screening.objects.create(
        user=user,
        kind=Screening.Kind.START_BACK,
        answers=dict(answers),
        level=result.risk.value,
        result={
            "total": result.total,
            "distress": result.distress,
            "risk": result.risk.value,
            "advice": result.advice,
        },
        taken_at=now,
    )
    return saved, result


def safety_level(user: User) -> tuple[Level | None, datetime | None]:
    """The level that governs the programme now: the full screen, or a later pre-session check
    that found something new."""
    full = latest_screening(user, Screening.Kind.RED_FLAGS)
    if full is None:
        return None, None
    level, since = Level(full.level), full.taken_at
    check = latest_screening(user, Screening.Kind.PRE_SESSION)
    if check is not None and check.taken_at >= full.taken_at:
        checked = Level(check.level)
        if checked.rank > level.rank:
            level, since = checked, check.taken_at
    return level, since


def plan_for_today(user: User, now: datetime) -> Plan:
    level, since = safety_level(user)
    if level is None:
        raise PlanBlocked(
            "No safety screen yet: take the red-flag screen first (rollcoach screen)."
        )
    if level in (Level.EMERGENCY, Level.URGENT):
        raise PlanBlocked(f"Your last screen says {level.value}: {GUIDANCE[level]}")
    profile = profile_of(user)
    if profile is None or not profile.is_complete:
        raise PlanBlocked("No profile yet: say where it hurts and which roller you have first.")
    cleared = profile.cleared_at is not None and since is not None and profile.cleared_at >= since
    restrictions = restrictions_for(profile.conditions, [Zone(z) for z in profile.avoid_zones])
    session_plan = plan_session(
        profile.to_planning(),
        restrictions,
        load_catalog(),
        past_sessions(user),
        now.date(),
        screening_level=level.value,
        cleared=cleared,
    )
    fields = {
        "stage": session_plan.stage,
        "data": session_plan.to_dict(),
        "total_seconds": session_plan.total_seconds,
        "days_per_week": profile.days_per_week,
    }
    existing = Plan.objects.filter(user=user, day=now.date()).first()
    # Pages read the plan on every visit: write only when it actually changed.
    if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        return existing
    with transaction.atomic():
        plan, _ = Plan.objects.update_or_create(user=user, day=now.date(), defaults=fields)
    return plan


def plan_owned_by(user: User, pk: int) -> Plan | None:
    """The one place that decides who may see or use a plan: its owner only."""
    return Plan.objects.filter(pk=pk, user=user).first()


@functools.cache
def _first_upload_sql() -> str:
    q = connection.ops.quote_name
    plans, logs = q(Plan._meta.db_table), q(SessionLog._meta.db_table)
    return (
        f"SELECT s.stored, CASE WHEN s.stored THEN NULL ELSE (SELECT p.{q('data')} FROM {plans} p"
        f" WHERE p.{q('id')} = %s AND p.{q('user_id')} = %s) END FROM (SELECT EXISTS (SELECT 1"
        f" FROM {logs} l WHERE l.{q('client_id')} = %s) AS stored) s"
    )


def timeline_for_upload(user: User, pk: int, client_id: str) -> tuple[bool, dict[str, Any] | None]:
    """For an upload that may start session `client_id`: whether that session is stored already,
    and when it is not, the timeline of plan `pk` if the plan is the person's (plan_owned_by's
    rule). One plain query: every upload asks, and building it with the ORM cost more than
    running it."""
    with connection.cursor() as cursor:
        cursor.execute(_first_upload_sql(), [pk, user.pk, client_id])
        stored, data = cursor.fetchone()
    if stored or data is None:
        return bool(stored), None
    plan = json.loads(data) if isinstance(data, str) else data
    timeline: dict[str, Any] = plan["timeline"]
    return False, timeline


def get_plan_for_user(request: HttpRequest, pk: int) -> Plan:
    plan = plan_owned_by(request.user, pk) if isinstance(request.user, User) else None
    if plan is None:
        raise Http404
    return plan


def week_for(user: User, now: datetime) -> list[date]:
    from datetime import timedelta

    profile = profile_of(user)
    days = profile.days_per_week if profile else 3
    monday = now.date() - timedelta(days=now.date().weekday())
    return weekly_schedule(days, monday)


def checked_since_screen(user: User, now: datetime, hours: int = 12) -> bool:
    """Whether a clear pre-session check was taken recently and after the latest full screen."""
    from datetime import timedelta

    check = latest_screening(user, Screening.Kind.PRE_SESSION)
    full = latest_screening(user, Screening.Kind.RED_FLAGS)
    if check is None or full is None or check.taken_at < full.taken_at:
        return False
    return check.level == Level.PROCEED and check.taken_at >= now - timedelta(hours=hours)
