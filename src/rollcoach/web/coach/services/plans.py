from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.content.loader import load_catalog
from rollcoach.planning.planner import PlanBlocked, plan_session
from rollcoach.web.coach.models import Plan
from rollcoach.web.coach.selectors import (
    clearance_gate,
    clearance_labels,
    governing_answers,
    past_sessions,
    profile_of,
)


@transaction.atomic
def plan_for_today(*, user: User, now: datetime) -> Plan:
    """Today's plan, made from the person's screens, profile and history, and stored so that
    the sessions run from it keep it; raises PlanBlocked with what to do instead."""
    if governing_answers(user) is None:
        raise PlanBlocked(
            "No safety screen yet: take the red-flag screen first (rollcoach screen)."
        )
    profile = profile_of(user)
    if profile is None or not profile.is_complete:
        raise PlanBlocked("No profile yet: say where it hurts and which roller you have first.")
    session_plan = plan_session(
        profile.to_planning(),
        profile.restrictions(),
        load_catalog(),
        past_sessions(user),
        now.date(),
        gate=clearance_gate(user, profile),
        labels=clearance_labels(),
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
    plan, _ = Plan.objects.update_or_create(user=user, day=now.date(), defaults=fields)
    return plan
