from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rollcoach.content.screens import load_red_flags
from rollcoach.session.engine import SessionRunner
from rollcoach.session.timeline import Timeline
from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog
from rollcoach.web.coach.selectors import past_sessions, resume_state
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_red_flag_screen
from rollcoach.web.coach.services.sessions import EVENTS_PER_SESSION, SESSIONS_PER_DAY, _new_log
from rollcoach.web.coach.upload import SessionUpload
from session_support import CLIENT_ID, START, at, events, finished, payload, record

URL = "/api/sessions/sync/"


@pytest.fixture
def plan(ready_owner: User) -> Plan:
    return plan_for_today(user=ready_owner, now=timezone.now())


def post(client: Client, body: object) -> Any:
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_it_stores_a_new_session_with_itsevents(owner_client: Client, plan: Plan) -> None:
    response = post(owner_client, payload(plan))
    assert response.status_code == 200
    assert response.json() == {"ok": True, "revision": 3, "status": "in-progress"}
    log = SessionLog.objects.get(client_id=CLIENT_ID)
    assert (log.user, log.plan, log.pain_before, log.revision) == (plan.user, plan, 5, 3)
    assert log.started_at == START
    assert list(log.events.values_list("seq", "kind")) == [
        (0, "started"),
        (1, "step-started"),
        (2, "step-finished"),
        (3, "step-started"),
    ]
    assert log.events.get(seq=2).exercise == plan.timeline["steps"][0]["exercise"]  # type: ignore[index]


def test_it_stores_a_session_that_two_uploads_create_at_once_only_once(
    owner: User, plan: Plan
) -> None:
    # Both uploads found no session and both insert; the second insert must write nothing, and
    # the recorder then takes it as an update of the session the first one stored.
    record(owner, payload(plan))
    later = SessionUpload.model_validate_json(json.dumps(payload(plan, revision=9)))
    with transaction.atomic():
        assert _new_log(owner, later) is None
    log = SessionLog.objects.get(client_id=CLIENT_ID)
    assert (log.revision, log.events.count()) == (3, 4)
    assert record(owner, payload(plan, revision=9, events=events(2))).revision == 9
    assert SessionLog.objects.get(client_id=CLIENT_ID).events.count() == 6


def test_it_stores_a_replayed_payload_once(owner_client: Client, plan: Plan) -> None:
    for _ in range(3):
        assert post(owner_client, payload(plan)).status_code == 200
    assert SessionLog.objects.count() == 1
    assert SessionEvent.objects.count() == 4


def test_it_keeps_newer_state_when_an_older_payload_arrives_late(
    owner_client: Client, plan: Plan
) -> None:
    newer = payload(plan, revision=7, index=3, outcomes={"0": "done", "1": "done", "2": "done"})
    newer["events"] = events(3)
    older = payload(plan, revision=4, index=1, pain_before=8)
    older["events"] = [*events(1), {"seq": 9, "kind": "paused", "step_index": 1, "at": at(9)}]
    assert post(owner_client, newer).json()["revision"] == 7
    response = post(owner_client, older)
    assert response.json() == {"ok": True, "revision": 7, "status": "in-progress"}
    log = SessionLog.objects.get()
    assert (log.revision, log.state["index"], log.pain_before) == (7, 3, 5)
    # Its events are still kept: none is lost to the order of arrival.
    assert sorted(log.events.values_list("seq", flat=True)) == [0, 1, 2, 3, 4, 5, 6, 7, 9]


def test_it_finishes_a_session_like_the_terminal_app(owner_client: Client, plan: Plan) -> None:
    post(owner_client, payload(plan))
    response = post(owner_client, finished(plan))
    assert response.json() == {"ok": True, "revision": 50, "status": "completed"}
    log = SessionLog.objects.get()
    assert (log.status, log.pain_after, log.seconds_active) == ("completed", 3, plan.total_seconds)
    assert log.finished_at == START + timedelta(seconds=log.events.count() - 1)
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    finished_steps = set(
        log.events.filter(kind="step-finished").values_list("step_index", flat=True)
    )
    assert finished_steps == set(range(len(steps)))
    assert past_sessions(plan.user)[0].completed


def test_it_never_reopens_a_finished_session(owner_client: Client, plan: Plan) -> None:
    post(owner_client, finished(plan, pain_after=None))
    late = payload(plan, revision=60, status="paused", pain_after=None)
    response = post(owner_client, late)
    assert response.json() == {"ok": True, "revision": 60, "status": "completed"}
    # The pain rating asked at the end may still come afterwards.
    post(owner_client, finished(plan, revision=61, pain_after=2))
    log = SessionLog.objects.get()
    assert (log.status, log.pain_after) == ("completed", 2)


def test_it_records_a_sharp_pain_stop(owner_client: Client, plan: Plan) -> None:
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    # The first rest between two exercises: the pain belongs to the exercise just done.
    rest = next(s["index"] for s in steps if s["kind"] == "rest" and not s["exercise"])
    body = payload(
        plan,
        revision=9,
        status="stopped-sharp-pain",
        index=rest,
        remaining=0,
        events=events(rest, end="sharp-pain"),
    )
    assert post(owner_client, body).json()["status"] == "stopped-sharp-pain"
    log = SessionLog.objects.get()
    event = log.events.get(kind="sharp-pain")
    assert event.exercise == steps[rest - 1]["exercise"] != ""
    assert past_sessions(plan.user)[0].sharp_pain


def test_it_leaves_a_state_the_terminal_app_can_resume(owner_client: Client, plan: Plan) -> None:
    post(owner_client, payload(plan))
    log = SessionLog.objects.get()
    state = resume_state(log, lambda moment: (moment - START).total_seconds())
    assert state is not None
    runner = SessionRunner.from_state(Timeline.from_dict(log.timeline), state, lambda: 9.0)
    assert (runner.status, runner.current_step.index) == ("paused", 1)
    assert runner.remaining_in_step == pytest.approx(10.0)
    assert [event.kind for event in runner.events][:4] == [e["kind"] for e in events(1)]


def test_it_answers_404_for_another_persons_plan(
    outsider_client: Client, plan: Plan, outsider: User
) -> None:
    response = post(outsider_client, payload(plan))
    assert response.status_code == 404
    assert response.json() == {"error": "No such plan."}
    assert not SessionLog.objects.exists()


def test_it_answers_404_for_another_persons_session(
    owner_client: Client, outsider_client: Client, plan: Plan, outsider: User
) -> None:
    post(owner_client, payload(plan))
    take_red_flag_screen(
        user=outsider, answers={q.id: False for q in load_red_flags()}, now=timezone.now()
    )
    update_profile(
        user=outsider, changes={"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10}
    )
    their_plan = plan_for_today(user=outsider, now=timezone.now())
    hijack = payload(their_plan, revision=99, status="completed", pain_after=0)
    response = post(outsider_client, hijack)
    assert response.status_code == 404
    log = SessionLog.objects.get()
    assert (log.user, log.revision, log.status) == (plan.user, 3, "in-progress")


def test_it_rejects_a_later_upload_that_names_another_of_the_persons_plans(
    owner_client: Client, plan: Plan, ready_owner: User
) -> None:
    post(owner_client, payload(plan))
    yesterday = plan_for_today(user=ready_owner, now=timezone.now() - timedelta(days=1))
    response = post(owner_client, payload(yesterday, revision=9, pain_before=1))
    assert response.status_code == 400
    assert response.json() == {"error": "this session belongs to another plan"}
    log = SessionLog.objects.get()
    assert (log.plan, log.revision, log.pain_before) == (plan, 3, 5)


def test_it_answers_404_when_a_later_upload_names_someone_elses_plan(
    owner_client: Client, plan: Plan, outsider: User
) -> None:
    post(owner_client, payload(plan))
    take_red_flag_screen(
        user=outsider, answers={q.id: False for q in load_red_flags()}, now=timezone.now()
    )
    update_profile(
        user=outsider, changes={"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10}
    )
    their_plan = plan_for_today(user=outsider, now=timezone.now())
    response = post(owner_client, payload(their_plan, revision=9))
    assert response.status_code == 404
    assert SessionLog.objects.get().revision == 3


def test_it_takes_a_later_upload_without_reading_the_plan_or_each_event(
    owner_client: Client, plan: Plan
) -> None:
    # The player uploads on every step: the later uploads are most of them. They are checked
    # against the session's own timeline, so a plan emptied since must not matter.
    post(owner_client, payload(plan))
    Plan.objects.filter(pk=plan.pk).update(data={"timeline": {"steps": []}})
    later = payload(plan, revision=4)
    later["events"] = events(2)
    with CaptureQueriesContext(connection) as captured:
        assert post(owner_client, later).status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum('FROM "coach_sessionevent"' in q for q in sql) == 1
    assert not any('FROM "coach_plan"' in q for q in sql)
    log = SessionLog.objects.get()
    assert "events" not in log.state  # they are rows of their own, not copied on every upload
    assert list(log.events.values_list("kind", flat=True)) == [e["kind"] for e in events(2)]


def test_it_answers_404_for_an_unknown_plan(owner_client: Client, plan: Plan) -> None:
    response = post(owner_client, payload(plan, plan_id=plan.pk + 1000))
    assert response.status_code == 404


def test_it_needs_a_login(client: Client, plan: Plan) -> None:
    response = post(client, payload(plan))
    assert response.status_code == 401
    assert not SessionLog.objects.exists()


def test_it_needs_a_csrf_token(owner: User, plan: Plan) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert post(strict, payload(plan)).status_code == 403
    assert not SessionLog.objects.exists()


def test_it_accepts_only_post(owner_client: Client, plan: Plan) -> None:
    assert owner_client.get(URL).status_code == 405


def _without(field: str) -> Any:
    return lambda body: {k: v for k, v in body.items() if k != field}


def _event_with(**changes: Any) -> Any:
    return lambda body: body | {"events": [body["events"][0] | changes, *body["events"][1:]]}


BAD = {
    "pain 11": lambda body: body | {"pain_before": 11},
    "pain -1": lambda body: body | {"pain_before": -1},
    "pain as a fraction": lambda body: body | {"pain_before": 4.5},
    "pain as true": lambda body: body | {"pain_before": True},
    "pain after 12": lambda body: body | {"pain_after": 12},
    "unknown status": lambda body: body | {"status": "dancing"},
    "not-started status": lambda body: body | {"status": "not-started"},
    "unknown event kind": _event_with(kind="exploded"),
    "event step out of range": _event_with(step_index=999),
    "event step negative": _event_with(step_index=-1),
    "event without seq": lambda body: body | {"events": [{"kind": "started", "at": at(0)}]},
    "event seq repeated": lambda body: body | {"events": [body["events"][0]] * 2},
    "event time garbled": _event_with(at="yesterday"),
    "event not an object": lambda body: body | {"events": ["started"]},
    "events not a list": lambda body: body | {"events": {"0": "started"}},
    "index past the end": lambda body: body | {"index": 500},
    "remaining longer than the step": lambda body: body | {"remaining": 10_000},
    "remaining negative": lambda body: body | {"remaining": -1},
    "active not a number": lambda body: body | {"active": "lots"},
    "outcome unknown": lambda body: body | {"outcomes": {"0": "perfect"}},
    "outcome for a missing step": lambda body: body | {"outcomes": {"99": "done"}},
    "revision zero": lambda body: body | {"revision": 0},
    "revision text": lambda body: body | {"revision": "3"},
    "client id too short": lambda body: body | {"client_id": "abc"},
    "client id with spaces": lambda body: body | {"client_id": "a b c d e f g h"},
    "plan id text": lambda body: body | {"plan_id": "1"},
    "start time garbled": lambda body: body | {"started_at": "soon"},
    "start time impossible": lambda body: body | {"started_at": "2026-02-30T10:00:00Z"},
    "event time impossible": _event_with(at="2026-05-04T25:00:00Z"),
    "missing pain_before": _without("pain_before"),
    "missing events": _without("events"),
    "missing client_id": _without("client_id"),
    "missing status": _without("status"),
    # Values a database would store but not give back, or not store at all.
    "start in year 1 (UTC)": lambda body: body | {"started_at": "0001-01-01T00:00:00+14:00"},
    "start in year 9999": lambda body: body | {"started_at": "9999-12-31T23:59:59-14:00"},
    "start before 2000 after UTC": lambda body: body | {"started_at": "2000-01-01T00:30:00+01:00"},
    "event in year 2100": _event_with(at="2100-01-01T00:00:00Z"),
    "start as a number": lambda body: body | {"started_at": 1767225600},
    "active infinite": lambda body: body | {"active": 1e400},
    "remaining huge": lambda body: body | {"remaining": 1e300},
    "index huge": lambda body: body | {"index": 2**80},
    "revision past 32 bits": lambda body: body | {"revision": 2**31},
    "seq past 32 bits": _event_with(seq=2**31),
    "detail with NUL": _event_with(detail="ok\x00not"),
    "detail too long": _event_with(detail="x" * 201),
    "outcome key with digits elsewhere": lambda body: body | {"outcomes": {"١": "done"}},
}


@pytest.mark.parametrize("change", BAD.values(), ids=BAD.keys())
def test_it_rejects_a_bad_payload_and_stores_nothing(
    owner_client: Client, plan: Plan, change: Any
) -> None:
    response = post(owner_client, change(payload(plan)))
    assert response.status_code == 400
    assert response.json()["error"]
    assert not SessionLog.objects.exists()
    assert not SessionEvent.objects.exists()


def test_it_rejects_a_live_session_past_its_last_step(owner_client: Client, plan: Plan) -> None:
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    response = post(owner_client, payload(plan, index=len(steps), remaining=0))
    assert response.status_code == 400
    assert "index" in response.json()["error"]
    assert not SessionLog.objects.exists()


def test_it_rejects_a_bad_update_and_keeps_the_stored_session(
    owner_client: Client, plan: Plan
) -> None:
    post(owner_client, payload(plan))
    response = post(owner_client, payload(plan, revision=4, pain_before=42))
    assert response.status_code == 400
    assert "pain_before" in response.json()["error"]
    log = SessionLog.objects.get()
    assert (log.revision, log.pain_before, log.events.count()) == (3, 5, 4)


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b"[1, 2]", b"null", b'"text"'])
def test_it_rejects_a_body_that_is_not_a_json_object(
    owner_client: Client, plan: Plan, body: bytes
) -> None:
    response = owner_client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()
    assert not SessionLog.objects.exists()


# Date-shaped text too: well formed yet impossible dates must not slip through to a crash.
MOMENTS = st.from_regex(
    r"[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](Z|[+-][01][0-9]:[0-5][0-9])?",
    fullmatch=True,
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    ["client_id", "plan_id", "revision", "status", "index", "remaining", "active", "outcomes"]
    + ["pain_before", "pain_after", "started_at", "events"]
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=FIELDS,
    value=MOMENTS | JSON,
    event_field=st.sampled_from(["seq", "kind", "step_index", "at"]),
)
def test_it_never_fails_with_a_server_error(
    owner_client: Client, plan: Plan, field: str, value: Any, event_field: str
) -> None:
    body = payload(plan)
    for broken in (body | {field: value}, _event_with(**{event_field: value})(body), value):
        response = post(owner_client, broken)
        assert response.status_code in (200, 400, 404), response.content


@pytest.mark.parametrize(
    "body",
    [
        # Lone surrogates, and nesting far past what any payload needs.
        b'{"client_id": "\\ud800abcdefgh"}',
        b'{"client_id": "abcdefgh", "extra": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_it_refuses_text_and_nesting_it_could_not_store(
    owner_client: Client, plan: Plan, body: bytes
) -> None:
    response = owner_client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not SessionLog.objects.exists()


def test_it_caps_the_events_one_session_can_hold(owner_client: Client, plan: Plan) -> None:
    # Each upload may bring up to 2000 events; across uploads a session still holds 2000 at most.
    first = [
        {"seq": n, "kind": "paused", "step_index": 0, "at": at(n), "detail": ""}
        for n in range(EVENTS_PER_SESSION)
    ]
    assert post(owner_client, payload(plan, events=first)).status_code == 200
    more = [{"seq": EVENTS_PER_SESSION, "kind": "resumed", "step_index": 0, "at": at(1)}]
    response = post(owner_client, payload(plan, revision=4, events=more))
    assert response.status_code == 413
    assert "the most events one session can" in response.json()["error"]
    log = SessionLog.objects.get()
    assert (log.revision, log.events.count()) == (3, EVENTS_PER_SESSION)


def test_it_caps_the_sessions_a_day(owner_client: Client, plan: Plan) -> None:
    for n in range(SESSIONS_PER_DAY):
        body = payload(plan, client_id=f"day-session-{n:04d}")
        assert post(owner_client, body).status_code == 200
    response = post(owner_client, payload(plan, client_id="day-session-extra"))
    assert response.status_code == 422
    assert "the most one day can hold" in response.json()["error"]
    assert SessionLog.objects.count() == SESSIONS_PER_DAY
    # The next day is a new day.
    tomorrow = (START + timedelta(days=1)).isoformat()
    body = payload(plan, client_id="next-day-session", started_at=tomorrow, events=[])
    assert post(owner_client, body).status_code == 200
