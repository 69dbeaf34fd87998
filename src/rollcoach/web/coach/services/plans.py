from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.http import HttpRequest

from rollcoach.content.loader import load_catalog
from rollcoach.planning.planner import PlanBlocked, plan_session
from rollcoach.planning.workout import Workout, plan_around_workout
from rollcoach.web.coach.models import PROGRAMME, Plan
from rollcoach.web.coach.selectors import (
    clearance_gate,
    clearance_labels,
    governing_answers,
    past_sessions,
    profile_of,
)


def plan_for_today(*, user: User, now: datetime, purpose: str = PROGRAMME) -> Plan:
    """Today's plan (or, with a purpose, a session around a workout), made from the person's
    screens, profile and history, and stored so that the sessions run from it keep it; raises
    PlanBlocked with what to do instead."""
    if governing_answers(user) is None:
        raise PlanBlocked(
            "No safety screen yet: take the red-flag screen first (rollcoach screen)."
        )
    profile = profile_of(user)
    if profile is None or not profile.is_complete:
        raise PlanBlocked("No profile yet: say where it hurts and which roller you have first.")
    inputs = (
        profile.to_planning(),
        profile.restrictions(),
        load_catalog(),
        past_sessions(user, now.date()),
    )
    gate, labels = clearance_gate(user, profile), clearance_labels()
    if purpose == PROGRAMME:
        session_plan = plan_session(*inputs, now.date(), gate=gate, labels=labels)
    else:
        workout = Workout(purpose)  # a purpose no one offers is a ValueError
        session_plan = plan_around_workout(*inputs, now.date(), workout, gate, labels)
    fields = {
        "stage": session_plan.stage,
        "data": session_plan.to_dict(),
        "total_seconds": session_plan.total_seconds,
        "days_per_week": profile.days_per_week,
    }
    existing = Plan.objects.filter(user=user, day=now.date(), purpose=purpose).first()
    # Pages read the plan on every visit: write only when it actually changed.
    if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        return existing
    # Every page reads the plan; only its one write needs a transaction, which this takes.
    plan, _ = Plan.objects.update_or_create(
        user=user, day=now.date(), purpose=purpose, defaults=fields
    )
    return plan


PURPOSES = (PROGRAMME, *(workout.value for workout in Workout))


def session_purpose(request: HttpRequest) -> str:
    """The session a page is for: the day's programme unless a known workout purpose is asked."""
    asked = request.GET.get("purpose", PROGRAMME)
    return asked if asked in PURPOSES else PROGRAMME


def with_purpose(url: str, purpose: str) -> str:
    return url if purpose == PROGRAMME else f"{url}?{urlencode({'purpose': purpose})}"
