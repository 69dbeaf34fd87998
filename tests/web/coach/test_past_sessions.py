"""What the planner learns from a person's finished sessions."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rollcoach.planning.history import PastSession
from rollcoach.web.coach.models import SessionEvent, SessionLog
from rollcoach.web.coach.selectors import past_sessions

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _session(user: User, day: int, status: str, events: list[tuple[str, str]]) -> SessionLog:
    log = SessionLog.objects.create(
        user=user,
        client_id=f"{user.username}-{day}-{status}",
        status=status,
        started_at=START + timedelta(days=day),
        pain_before=5,
        pain_after=4,
        timeline={},
    )
    SessionEvent.objects.bulk_create(
        SessionEvent(log=log, kind=kind, exercise=exercise, at=log.started_at, seq=seq)
        for seq, (kind, exercise) in enumerate(events)
    )
    return log


def test_it_lists_finished_sessions_in_order_with_what_was_done(owner: User) -> None:
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
        PastSession(
            day=START.date(),
            completed=True,
            pain_before=5,
            pain_after=4,
            exercises=("lat-release", "rhomboid-release"),
        ),
        PastSession(
            day=(START + timedelta(days=2)).date(),
            completed=False,
            pain_before=5,
            pain_after=4,
            sharp_pain=True,
            exercises=("rhomboid-release",),
        ),
    ]


def test_it_reads_only_the_persons_own_sessions(owner: User, outsider: User) -> None:
    _session(outsider, 0, "stopped-sharp-pain", [("sharp-pain", "lat-release")])
    _session(owner, 1, "completed", [("step-finished", "rhomboid-release")])
    [only] = past_sessions(owner)
    assert (only.sharp_pain, only.exercises) == (False, ("rhomboid-release",))


def test_it_reads_a_long_history_in_two_queries(owner: User) -> None:
    for day in range(30):
        _session(owner, day, "completed", [("step-finished", "lat-release")] * 5)
    with CaptureQueriesContext(connection) as captured:
        assert len(past_sessions(owner)) == 30
    assert len(captured.captured_queries) == 2
