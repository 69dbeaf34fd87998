"""Rows stored before uploads were held to real moments: the repair migration makes them
readable, and a backup never fails on one it cannot read: it leaves it out and names it."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from rollcoach.web.backup import write_backup
from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today

repair = importlib.import_module("rollcoach.web.coach.migrations.0003_moments_in_range")
LONG_AGO = datetime(1, 1, 1, 12, 0, tzinfo=UTC)
FAR_AHEAD = datetime(9000, 1, 1, tzinfo=UTC)


@pytest.fixture
def plan(ready_owner: User) -> Plan:
    return plan_for_today(user=ready_owner, now=timezone.now())


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _damaged(plan: Plan, client_id: str, started: datetime, event_at: datetime) -> int:
    log = SessionLog.objects.create(
        user=plan.user, plan=plan, client_id=client_id, started_at=timezone.now(), timeline={}
    )
    good = SessionEvent.objects.create(log=log, seq=0, kind="started", at=timezone.now())
    bad = SessionEvent.objects.create(log=log, seq=1, kind="paused", at=timezone.now())
    _raw('UPDATE "coach_sessionlog" SET started_at = %s WHERE id = %s', [started, log.pk])
    _raw('UPDATE "coach_sessionevent" SET at = %s WHERE id = %s', [event_at, bad.pk])
    return good.pk


@pytest.mark.django_db(transaction=True)
def test_the_repair_brings_every_moment_into_range(plan: Plan) -> None:
    good = _damaged(plan, "long-ago-session", LONG_AGO, FAR_AHEAD)
    with connection.schema_editor() as editor:
        repair.repair(django_apps(), editor)
    log = SessionLog.objects.get(client_id="long-ago-session")
    first = SessionEvent.objects.get(pk=good)
    assert log.started_at == first.at  # its first event in range
    assert all(repair.EARLIEST <= e.at < repair.LATEST for e in log.events.all())
    assert log.events.get(seq=1).at == log.started_at


@pytest.mark.django_db(transaction=True)
def test_a_session_with_no_moment_in_range_starts_when_its_plan_was_made(plan: Plan) -> None:
    log = SessionLog.objects.create(
        user=plan.user,
        plan=plan,
        client_id="nothing-in-range",
        started_at=timezone.now(),
        timeline={},
    )
    _raw('UPDATE "coach_sessionlog" SET started_at = %s WHERE id = %s', [FAR_AHEAD, log.pk])
    with connection.schema_editor() as editor:
        repair.repair(django_apps(), editor)
    log.refresh_from_db()
    assert log.started_at == Plan.objects.get(pk=plan.pk).created_at


@pytest.mark.django_db
def test_a_backup_leaves_out_a_row_it_cannot_read_and_names_it(plan: Plan, tmp_path: Path) -> None:
    log = SessionLog.objects.create(
        user=plan.user, plan=plan, client_id="unreadable", started_at=timezone.now(), timeline={}
    )
    if connection.vendor == "sqlite":
        _raw(
            'UPDATE "coach_sessionlog" SET started_at = %s WHERE id = %s',
            ["0000-01-01 00:00:00", log.pk],
        )
    else:
        _raw(
            'UPDATE "coach_sessionlog" SET started_at = %s::timestamptz WHERE id = %s',
            ["0044-03-15 12:00:00+00 BC", log.pk],
        )
    target = tmp_path / "backup.json"
    rows, skipped = write_backup(target)
    assert [(s.model, s.pk) for s in skipped] == [("coach.SessionLog", log.pk)]
    written = json.loads(target.read_text())
    assert len(written) == rows
    assert any(r["model"] == "coach.plan" for r in written)
    assert not any(r["model"] == "coach.sessionlog" and r["pk"] == log.pk for r in written)


def django_apps():  # type: ignore[no-untyped-def]
    from django.apps import apps

    return apps
