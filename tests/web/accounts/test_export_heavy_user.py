"""A person who has rolled every day for two years: their download stays small."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.accounts.export import expand_export
from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from session_support import finished, record

pytestmark = pytest.mark.django_db

YEARS_OF_DAYS = 730
# What a day of sessions may add to the download as the web page sends it. A day adds its session
# with 42 events (8 kB) and its plan (3.6 kB), 13.4 kB in all; version 1 added 41 kB, for it
# copied the 11.7 kB timeline into both.
BYTES_PER_SESSION = 16_000


def live_for(user: User, days: int) -> None:
    """`days` days of daily sessions: one plan and finished session made by the services, then
    copied a day apart in bulk, as that many days of the same programme leave them."""
    start = timezone.now() - timedelta(days=days)
    plan = plan_for_today(user=user, now=start)
    log = record(user, finished(plan, start=start, client_id="heavy-00000"))
    events = list(log.events.all())
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
    SessionEvent.objects.bulk_create(
        (
            SessionEvent(
                log=day_log,
                kind=e.kind,
                step_index=e.step_index,
                exercise=e.exercise,
                at=e.at + timedelta(days=d),
                detail=e.detail,
                seq=e.seq,
            )
            for d, day_log in zip(later, logs, strict=True)
            for e in events
        ),
        batch_size=2000,
    )


def download(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    return response.content


def test_it_grows_by_a_session_and_not_by_a_timeline_a_day(
    owner: User, outsider: User, fill_history: Callable[[User, int], None]
) -> None:
    # Both have one row of every kind, today; alice has rolled every day for two years before.
    fill_history(outsider, 5)
    fill_history(owner, 5)
    live_for(owner, YEARS_OF_DAYS)
    one_day, two_years = download(outsider), download(owner)
    data = json.loads(two_years)
    assert len(data["sessions"]) == len(data["plans"]) == YEARS_OF_DAYS + 1
    # A timeline for each programme followed (two years of one, and today's), not one a day.
    assert len(data["timelines"]) <= 2
    per_session = (len(two_years) - len(one_day)) / YEARS_OF_DAYS
    assert per_session < BYTES_PER_SESSION, f"{per_session:.0f} bytes a session"
    # Nothing is lost: the sessions expand into the timelines version 1 copied into each.
    full = expand_export(data)
    timelines = dict(SessionLog.objects.filter(user=owner).values_list("client_id", "timeline"))
    assert {s["client_id"]: s["timeline"] for s in full["sessions"]} == timelines
