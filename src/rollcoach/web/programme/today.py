from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.safety.startback import ADVICE, Risk
from rollcoach.web.programme.models import Screening
from rollcoach.web.programme.services import latest_screening, week_for
from rollcoach.web.tracking.models import SessionLog


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
    days = [monday + timedelta(days=n) for n in range(7)]
    planned = set(week_for(user, now))
    # Local midnights, so a session late on Sunday evening counts for Sunday wherever the user is.
    start = timezone.make_aware(datetime.combine(monday, time.min))
    logs = SessionLog.objects.filter(
        user=user,
        status=SessionLog.Status.COMPLETED,
        started_at__gte=start,
        started_at__lt=start + timedelta(days=7),
    ).values_list("started_at", flat=True)
    done = {timezone.localtime(started).date() for started in logs}
    return [WeekDay(day, day in planned, day in done, day == today) for day in days]


def last_session(user: User) -> SessionLog | None:
    finished = SessionLog.objects.filter(user=user).exclude(status=SessionLog.Status.IN_PROGRESS)
    return finished.order_by("-started_at", "-id").first()


def start_back_advice(user: User) -> str | None:
    """The STarT Back advice, kept in view when it suggests support alongside the app."""
    taken = latest_screening(user, Screening.Kind.START_BACK)
    if taken is None or taken.level not in (Risk.MEDIUM, Risk.HIGH):
        return None
    return ADVICE[Risk(taken.level)]
