"""A person who has rolled every day for two years: today's plan reads no more of their history
than a person's of three months, and is the plan their whole history makes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rollcoach.content.loader import load_catalog
from rollcoach.content.screens import load_red_flags
from rollcoach.planning.history import PastSession
from rollcoach.planning.planner import plan_session
from rollcoach.planning.workout import Workout, plan_around_workout
from rollcoach.session.engine import IN_PROGRESS, SessionStatus
from rollcoach.web.coach.models import PROGRAMME, SessionEvent, SessionLog
from rollcoach.web.coach.selectors import (
    RECENT_DAYS,
    clearance_gate,
    clearance_labels,
    profile_of,
)
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_red_flag_screen
from session_support import copy_events, events, finished, payload, record

pytestmark = pytest.mark.django_db

YEARS_OF_DAYS = 730
MONTHS_OF_DAYS = RECENT_DAYS + 30
STOPS = (400, 10)  # days before today with a sharp-pain stop; a finished session follows each


def _ready(user: User, now: datetime) -> None:
    take_red_flag_screen(user=user, answers={q.id: False for q in load_red_flags()}, now=now)
    update_profile(
        user=user,
        changes={"areas": ["upper-back", "lower-back"], "rollers": ["soft"], "minutes": 10},
    )


def _live_for(user: User, days: int, now: datetime) -> None:
    """`days` days of daily sessions before `now`: a finished session and a sharp-pain stop
    recorded by the services on the first two, then copied a day apart in bulk."""
    start = now - timedelta(days=days)
    _ready(user, start - timedelta(hours=1))
    plan = plan_for_today(user=user, now=start)
    name = user.username
    done = record(user, finished(plan, start=start, client_id=f"{name}-00000"))
    stopped_at = start + timedelta(days=1)
    stop = record(
        user,
        payload(
            plan,
            client_id=f"{name}-00001",
            status="stopped-sharp-pain",
            started_at=stopped_at.isoformat(),
            events=events(3, end="sharp-pain", start=stopped_at),
        ),
    )
    copies = {d: stop if days - d in STOPS else done for d in range(2, days)}
    logs = SessionLog.objects.bulk_create(
        SessionLog(
            user=user,
            plan=plan,
            client_id=f"{name}-{d:05d}",
            status=log.status,
            started_at=start + timedelta(days=d),
            finished_at=log.finished_at,
            pain_before=log.pain_before,
            pain_after=log.pain_after,
            timeline=log.timeline,
            seconds_active=log.seconds_active,
            revision=log.revision,
        )
        for d, log in copies.items()
    )
    copy_events(zip(logs, copies.values(), strict=True))


def _whole_history(user: User) -> list[PastSession]:
    """Every finished session with all it did, as plans read them before they read less."""
    logs = (
        SessionLog.objects.filter(user=user)
        .exclude(status=IN_PROGRESS)
        .order_by("started_at", "id")
        .values_list(
            "id", "started_at", "status", "pain_before", "pain_after", "timeline__total_seconds"
        )
    )
    sharp: dict[int, list[str]] = {}
    done: dict[int, list[str]] = {}
    for log_id, kind, exercise in (
        SessionEvent.objects.filter(log__user=user, kind__in=["sharp-pain", "step-finished"])
        .exclude(exercise="")
        .order_by("at", "id")
        .values_list("log_id", "kind", "exercise")
    ):
        (sharp if kind == "sharp-pain" else done).setdefault(log_id, []).append(exercise)
    return [
        PastSession(
            day=timezone.localtime(started_at).date(),
            completed=status == SessionStatus.COMPLETED,
            pain_before=before,
            pain_after=after,
            sharp_pain=status == SessionStatus.STOPPED_SHARP_PAIN,
            exercises=tuple(dict.fromkeys(sharp.get(log_id) or done.get(log_id, []))),
            seconds=seconds if isinstance(seconds, int) else None,
        )
        for log_id, started_at, status, before, after, seconds in logs
    ]


def _plan_of_whole_history(user: User, now: datetime, purpose: str) -> dict[str, Any]:
    profile = profile_of(user)
    assert profile is not None
    inputs = (profile.to_planning(), profile.restrictions(), load_catalog(), _whole_history(user))
    gate, labels = clearance_gate(user, profile), clearance_labels()
    if purpose == PROGRAMME:
        return plan_session(*inputs, now.date(), gate=gate, labels=labels).to_dict()
    return plan_around_workout(*inputs, now.date(), Workout(purpose), gate, labels).to_dict()


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows every query returns, counted as they are fetched: [rows]."""
    counted = [0]

    def counting(name: str, rows: Callable[[Any], int]) -> None:
        def fetch(self: CursorWrapper, *args: Any) -> Any:
            found = getattr(self.cursor, name)(*args)
            counted[0] += rows(found)
            return found

        monkeypatch.setattr(CursorWrapper, name, fetch, raising=False)

    counting("fetchone", lambda row: row is not None)
    counting("fetchmany", len)
    counting("fetchall", len)
    return counted


def _reading(user: User, now: datetime, purpose: str, rows: list[int]) -> tuple[int, int, Any]:
    """The queries and rows one plan reads once it is stored, and the plan."""
    plan_for_today(user=user, now=now, purpose=purpose)
    rows[0] = 0
    with CaptureQueriesContext(connection) as queries:
        plan = plan_for_today(user=user, now=now, purpose=purpose)
    return len(queries.captured_queries), rows[0], plan.data


@pytest.mark.parametrize("purpose", [PROGRAMME, Workout.AFTER.value])
def test_two_years_plan_as_the_whole_history_reading_no_more_than_three_months(
    owner: User, outsider: User, rows_read: list[int], purpose: str
) -> None:
    now = timezone.now()
    _live_for(owner, YEARS_OF_DAYS, now)
    _live_for(outsider, MONTHS_OF_DAYS, now)
    assert SessionEvent.objects.filter(log__user=owner).count() > 25_000  # about 38 a session
    two_years = _reading(owner, now, purpose, rows_read)
    three_months = _reading(outsider, now, purpose, rows_read)
    # The same queries and rows: the recent days, and the events of the one stop among them.
    assert two_years[:2] == three_months[:2]
    assert two_years[1] < 2 * RECENT_DAYS
    assert two_years[2] == three_months[2] == _plan_of_whole_history(owner, now, purpose)
    assert two_years[2]["stage"] == 4
