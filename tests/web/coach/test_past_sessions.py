"""What the planner learns from a person's finished sessions."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rollcoach.planning.history import PastSession
from rollcoach.planning.progression import decided_by
from rollcoach.web.coach.models import SessionEvent, SessionLog
from rollcoach.web.coach.selectors import RECENT_DAYS, past_sessions

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _session(
    user: User,
    day: int,
    status: str,
    events: list[tuple[str, str]],
    pain: tuple[int | None, int | None] = (5, 4),
) -> SessionLog:
    log = SessionLog.objects.create(
        user=user,
        client_id=f"{user.username}-{day}-{status}",
        status=status,
        started_at=START + timedelta(days=day),
        pain_before=pain[0],
        pain_after=pain[1],
        timeline={"total_seconds": 600},
    )
    SessionEvent.objects.bulk_create(
        SessionEvent(log=log, kind=kind, exercise=exercise, at=log.started_at, seq=seq)
        for seq, (kind, exercise) in enumerate(events)
    )
    return log


def test_it_lists_finished_sessions_in_order_with_what_hurt(owner: User) -> None:
    _session(
        owner,
        2,
        "stopped-sharp-pain",
        [
            ("step-finished", "lat-release"),
            ("sharp-pain", "rhomboid-release"),
        ],
    )
    _session(
        owner,
        0,
        "completed",
        [
            ("step-finished", "lat-release"),
            ("step-started", "rhomboid-release"),
            ("step-finished", "lat-release"),
            ("step-finished", ""),
            ("step-finished", "rhomboid-release"),
        ],
    )
    _session(owner, 3, "in-progress", [("step-finished", "lat-release")])
    assert past_sessions(owner) == [
        # What was done and how long it was are read of a sharp-pain stop only.
        PastSession(day=START.date(), completed=True, pain_before=5, pain_after=4),
        PastSession(
            day=(START + timedelta(days=2)).date(),
            completed=False,
            pain_before=5,
            pain_after=4,
            sharp_pain=True,
            exercises=("rhomboid-release",),
            seconds=600,
        ),
    ]


def test_it_reads_only_the_persons_own_sessions(owner: User, outsider: User) -> None:
    _session(outsider, 0, "stopped-sharp-pain", [("sharp-pain", "lat-release")])
    # A stop whose sharp pain names no exercise names those done.
    _session(owner, 1, "stopped-sharp-pain", [("step-finished", "rhomboid-release")])
    [only] = past_sessions(owner)
    assert (only.sharp_pain, only.exercises) == (True, ("rhomboid-release",))


def test_it_reads_a_long_history_in_one_query_and_its_stops_in_two_more(owner: User) -> None:
    for day in range(30):
        _session(owner, day, "completed", [("step-finished", "lat-release")] * 5)
    with CaptureQueriesContext(connection) as captured:
        assert len(past_sessions(owner)) == 30
    assert len(captured.captured_queries) == 1
    _session(owner, 30, "stopped-sharp-pain", [("sharp-pain", "lat-release")])
    with CaptureQueriesContext(connection) as captured:
        assert past_sessions(owner)[-1].exercises == ("lat-release",)
    assert len(captured.captured_queries) == 3


def test_a_plan_reads_the_recent_days_when_they_settle_every_rule(owner: User) -> None:
    for day in range(RECENT_DAYS + 30):
        _session(owner, day, "completed", [], pain=(4, 3))
    today = (START + timedelta(days=RECENT_DAYS + 30)).date()
    recent = past_sessions(owner, today)
    assert recent == past_sessions(owner)[-len(recent) :]
    assert recent[0].day == today - timedelta(days=RECENT_DAYS)
    assert decided_by(recent, today)


def test_a_plan_reads_the_whole_history_when_the_recent_days_leave_a_rule_open(
    owner: User,
) -> None:
    # Sessions without pain scores keep whatever stage the earlier days reached.
    for day in range(RECENT_DAYS + 30):
        _session(owner, day, "completed", [], pain=(None, None))
    today = (START + timedelta(days=RECENT_DAYS + 30)).date()
    assert past_sessions(owner, today) == past_sessions(owner)
