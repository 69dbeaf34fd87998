from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rollcoach.web import pagecache
from rollcoach.web.programme.models import Plan
from rollcoach.web.programme.services import plan_for_today
from rollcoach.web.tracking.models import SessionEvent, SessionLog
from rollcoach.web.tracking.rows import (
    add_events,
    insert_new,
    locked_log,
    save_fields,
    stored_events,
)
from rollcoach.web.tracking.sync import SyncNotFound, _record_new

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def plan(ready_owner: User) -> Plan:
    return plan_for_today(ready_owner, timezone.now())


def _log(plan: Plan, client_id: str) -> SessionLog:
    return SessionLog(
        user=plan.user,
        plan=plan,
        client_id=client_id,
        status=SessionLog.Status.COMPLETED,
        started_at=START,
        finished_at=START + timedelta(minutes=9),
        pain_before=6,
        pain_after=None,
        timeline=plan.timeline,
        state={"version": 1, "events": [{"kind": "started", "detail": "ünïcode 'quoted'"}]},
        seconds_active=540,
        revision=7,
    )


def _events(log: SessionLog, count: int) -> list[SessionEvent]:
    return [
        SessionEvent(
            log=log,
            seq=seq,
            kind="step-finished" if seq % 2 else "paused",
            step_index=seq % 3 or None,  # NULLs among numbers, and rows of NULL only
            exercise="thoracic-spine-release" if seq % 2 else "",
            at=START + timedelta(seconds=seq, microseconds=250),
            detail="it's fine; -- not SQL" if seq == 1 else "",
        )
        for seq in range(count)
    ]


def _stored(client_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    log = SessionLog.objects.get(client_id=client_id)
    events = [model_to_dict(event, exclude=["id", "log"]) for event in log.events.order_by("seq")]
    return model_to_dict(log, exclude=["id", "client_id"]), events


@pytest.mark.parametrize("count", [0, 1, 7])
def test_it_stores_exactly_the_rows_save_would_store(plan: Plan, count: int) -> None:
    fast = _log(plan, "fast-0001")
    assert insert_new(fast, _events(fast, count))
    assert fast.pk is not None
    saved = _log(plan, "orm-00001")
    saved.save()
    SessionEvent.objects.bulk_create(_events(saved, count))
    assert _stored("fast-0001") == _stored("orm-00001")
    assert SessionEvent.objects.filter(log=fast).count() == count


def test_it_writes_nothing_when_the_session_was_stored_first(plan: Plan) -> None:
    first = _log(plan, "same-0001")
    assert insert_new(first, _events(first, 3))
    second = _log(plan, "same-0001")
    second.revision = 99
    assert not insert_new(second, _events(second, 5))
    assert second.pk is None
    assert SessionLog.objects.get().revision == 7
    assert SessionEvent.objects.count() == 3


def test_it_moves_the_persons_version_once_stored(
    plan: Plan, django_capture_on_commit_callbacks: Any
) -> None:
    before = pagecache.person_version(plan.user_id)
    log = _log(plan, "version-1")
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction never commits
        insert_new(log, _events(log, 2))
    assert pagecache.person_version(plan.user_id) == before + 1


def test_it_takes_one_statement_on_postgresql_and_two_on_sqlite(plan: Plan) -> None:
    log = _log(plan, "count-001")
    with CaptureQueriesContext(connection) as captured:
        insert_new(log, _events(log, 20))
    writes = [q["sql"] for q in captured.captured_queries if "INSERT" in q["sql"]]
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2)


def test_it_stores_the_largest_upload_allowed(plan: Plan) -> None:
    log = _log(plan, "large-001")
    assert insert_new(log, _events(log, 2000))
    assert log.events.count() == 2000


@pytest.mark.django_db(transaction=True)
def test_it_answers_no_such_plan_when_the_plan_went_before_the_insert(ready_owner: User) -> None:
    # Read, then deleted by another request before the insert: the log must not point nowhere.
    plan = plan_for_today(ready_owner, timezone.now())
    timeline, pk = plan.timeline, plan.pk
    plan.delete()
    body = {
        "client_id": "gone-plan-0001",
        "plan_id": pk,
        "revision": 1,
        "status": "running",
        "index": 0,
        "remaining": 1,
        "active": 0,
        "outcomes": {},
        "pain_before": 4,
        "pain_after": None,
        "started_at": START.isoformat(),
        "events": [{"seq": 0, "kind": "started", "step_index": None, "at": START.isoformat()}],
    }
    with pytest.raises(SyncNotFound):
        _record_new(ready_owner, pk, timeline, body)
    assert not SessionLog.objects.exists()
    assert not SessionEvent.objects.exists()


def test_it_reads_a_locked_log_and_its_events_as_the_orm_does(plan: Plan) -> None:
    log = _log(plan, "read-0001")
    insert_new(log, _events(log, 4))
    with transaction.atomic():
        locked = locked_log("read-0001")
    assert locked is not None
    assert model_to_dict(locked) == model_to_dict(SessionLog.objects.get(client_id="read-0001"))
    assert sorted(stored_events(locked), key=lambda row: row[0]) == list(
        log.events.order_by("seq").values_list("seq", "kind", "at", "step_index", "detail")
    )
    with transaction.atomic():
        assert locked_log("no-such-session") is None


@pytest.mark.django_db(transaction=True)
def test_it_locks_a_log_only_inside_a_transaction(ready_owner: User) -> None:
    with pytest.raises(RuntimeError):
        locked_log("read-0001")


def test_it_saves_the_fields_save_would_save(plan: Plan) -> None:
    fast, orm = _log(plan, "save-0001"), _log(plan, "save-0002")
    for log in (fast, orm):
        log.status = SessionLog.Status.IN_PROGRESS
        insert_new(log, [])
        log.status = SessionLog.Status.SHARP_PAIN
        log.state = {"events": [{"at": 1.5, "detail": None}]}
        log.finished_at = START + timedelta(hours=1)
        log.pain_before = 8  # changed, but not among the fields saved
    save_fields(fast, ["status", "state", "finished_at"])
    orm.save(update_fields=["status", "state", "finished_at"])
    assert _stored("save-0001") == _stored("save-0002")
    assert _stored("save-0001")[0]["pain_before"] == 6


def test_it_adds_events_once_each(plan: Plan) -> None:
    log = _log(plan, "events-01")
    insert_new(log, _events(log, 3))
    add_events(log, _events(log, 5)[1:])  # seq 1 and 2 are stored already
    assert sorted(log.events.values_list("seq", flat=True)) == [0, 1, 2, 3, 4]


def test_it_refuses_to_save_a_field_a_log_does_not_have(plan: Plan) -> None:
    log = _log(plan, "typo-0001")
    insert_new(log, [])
    log.pain_after = 2
    with pytest.raises(ValueError, match="not fields"):
        save_fields(log, ["pain_after", "pain"])
    assert SessionLog.objects.get().pain_after is None
