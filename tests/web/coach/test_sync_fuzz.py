"""Hostile uploads, generated: moments across the whole ISO range, huge and non-finite numbers,
deep nesting, any Unicode (NUL and lone surrogates too) and event counts past the caps. Whatever
arrives, the server never fails, stores nothing it refuses, and every row it stores can be read
back by the pages, the admin and the backup, which then restores into an empty database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.utils import timezone as django_timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rollcoach.web.backup import write_backup
from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from session_support import payload

URL = "/api/sessions/sync/"
ZONES = [UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))]
MOMENTS = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.sampled_from(ZONES),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2**31 - 1, 2**31, 2**63, 1e308, -0.0]),
)
TEXT = st.text(
    st.one_of(st.characters(), st.sampled_from(["\x00", "\ud800", "\udfff", "\u202e", "\ufeff"])),
    max_size=300,
)
JSON = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
FIELDS = st.sampled_from(
    ["client_id", "plan_id", "revision", "status", "index", "remaining", "active", "outcomes"]
    + ["pain_before", "pain_after", "started_at", "events"]
)
EVENT_FIELDS = st.sampled_from(["seq", "kind", "step_index", "at", "detail"])


def _counts() -> tuple[int, int]:
    return SessionLog.objects.count(), SessionEvent.objects.count()


def _many_events(count: int, start: str) -> list[dict[str, Any]]:
    return [
        {"seq": n, "kind": "paused", "step_index": 0, "at": start, "detail": ""}
        for n in range(count)
    ]


def _readable_everywhere(owner_client: Client, root_client: Client, plan: Plan) -> None:
    for url in ("/today/", "/progress/", f"/plans/{plan.pk}/", "/accounts/", "/accounts/export/"):
        assert owner_client.get(url).status_code == 200, url
    assert root_client.get("/admin/coach/sessionlog/").status_code == 200
    for log in SessionLog.objects.all()[:3]:
        assert root_client.get(f"/admin/coach/sessionlog/{log.pk}/change/").status_code == 200


@pytest.fixture
def root_client(db: None) -> Client:
    root = User.objects.create_superuser("root-admin", "root@example.com", "x-not-used-7")
    client = Client()
    client.force_login(root)
    return client


@pytest.fixture
def plan(ready_owner: User) -> Plan:
    return plan_for_today(user=ready_owner, now=django_timezone.now())


def _fuzz(owner_client: Client, root_client: Client, plan: Plan, examples: int) -> tuple[int, int]:
    tried = 0
    # Sessions, not answers: hypothesis may send one client id twice, and the second is a
    # repeat that is answered 200 and stores nothing new.
    stored: set[str] = set()

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        field=FIELDS,
        value=MOMENTS | NUMBERS | TEXT | JSON,
        event_field=EVENT_FIELDS,
        event_value=MOMENTS | NUMBERS | TEXT,
        events=st.sampled_from([None, 0, 1, 2000, 2001, 2500]),
        depth=st.sampled_from([0, 0, 50, 200, 5000]),
        client=st.uuids(),
    )
    def upload(
        field: str,
        value: Any,
        event_field: str,
        event_value: Any,
        events: int | None,
        depth: int,
        client: uuid.UUID,
    ) -> None:
        nonlocal tried
        tried += 1
        body = payload(plan, client_id=str(client))
        if events is not None:
            body["events"] = _many_events(events, body["started_at"])
        elif body["events"]:
            body["events"][0] = body["events"][0] | {event_field: event_value}
        body[field] = value
        raw = json.dumps(body, allow_nan=True).encode()
        if depth:
            raw = raw[:-1] + b', "deep": ' + b"[" * depth + b"]" * depth + b"}"
        before = _counts()
        response = owner_client.post(URL, raw, content_type="application/json")
        assert response.status_code < 500, response.content
        if response.status_code == 200:
            stored.add(str(body["client_id"]))
            _readable_everywhere(owner_client, root_client, plan)
        else:
            assert response.json()["error"]
            assert _counts() == before, "a refused upload stored something"

    upload()
    return tried, len(stored)


def _fresh_database(tmp_path: Path) -> Iterator[str]:
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    import psycopg

    server = os.environ.get("ROLLCOACH_TEST_PG", "postgres://postgres@127.0.0.1:5432")
    name = f"rollcoach_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _cli(database: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database, "ROLLCOACH_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "rollcoach.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_hostile_uploads_never_break_the_pages_the_admin_or_the_backup(
    owner_client: Client, root_client: Client, plan: Plan, tmp_path: Path
) -> None:
    tried, stored = _fuzz(owner_client, root_client, plan, examples=150)
    assert tried >= 150  # hypothesis ran them all
    # A valid upload after all that still goes in, and everything is still readable.
    assert owner_client.post(URL, json.dumps(payload(plan)), "application/json").status_code == 200
    _readable_everywhere(owner_client, root_client, plan)
    assert SessionLog.objects.count() == stored + 1
    backup = tmp_path / "backup.json"
    rows, skipped = write_backup(backup)
    assert skipped == []
    for database in _fresh_database(tmp_path):
        restored = _cli(database, tmp_path, "import", str(backup))
        assert restored.returncode == 0, restored.stderr
        again = tmp_path / "again.json"
        exported = _cli(database, tmp_path, "export", "--all", "--output", str(again))
        assert exported.returncode == 0, exported.stderr
        assert "Left out" not in exported.stderr
        key = lambda row: (row["model"], str(row["pk"]))  # noqa: E731
        before = sorted(json.loads(backup.read_text()), key=key)
        after = sorted(json.loads(again.read_text()), key=key)
        assert len(after) == rows
        assert after == before
