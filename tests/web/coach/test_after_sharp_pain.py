"""After a sharp-pain stop: no other session that day, on any way in, and the next days' plan
stays one step easier until a session is finished without sharp pain."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.safety.sharp_pain import REST_TODAY
from rollcoach.web.coach.models import Plan, SessionEvent
from rollcoach.web.coach.services.plans import plan_for_today
from session_support import events, finished, payload

MORNING = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
URL = "/api/sessions/sync/"


def _post(client: Client, body: dict[str, object]) -> object:
    return client.post(URL, json.dumps(body), content_type="application/json")


def _sharp_pain(client: Client, plan: Plan, at: datetime, client_id: str) -> None:
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    body = payload(
        plan,
        client_id=client_id,
        revision=5,
        status="stopped-sharp-pain",
        index=3,
        remaining=0,
        started_at=at.isoformat(),
        events=events(3, end="sharp-pain", start=at),
    )
    assert _post(client, body).status_code == 200  # type: ignore[attr-defined]


@pytest.fixture
def stopped(ready_owner: User, owner_client: Client) -> Plan:
    with time_machine.travel(MORNING, tick=False):
        plan = plan_for_today(user=ready_owner, now=MORNING)
        _sharp_pain(owner_client, plan, MORNING + timedelta(minutes=5), "sharp-pain-session-1")
    return plan


def test_it_closes_the_day_on_the_today_page(stopped: Plan, owner_client: Client) -> None:
    with time_machine.travel(MORNING + timedelta(hours=3), tick=False):
        body = owner_client.get("/today/").content.decode()
    assert "No more sessions today" in body
    assert REST_TODAY.replace("'", "&#x27;") in body
    assert "Start session" not in body


def test_the_player_and_the_check_refuse_with_the_same_words(
    stopped: Plan, owner_client: Client
) -> None:
    with time_machine.travel(MORNING + timedelta(hours=3), tick=False):
        for url in ("/session/", "/session/check/"):
            response = owner_client.get(url, follow=True)
            assert response.redirect_chain[-1][0] == "/today/", url
            assert REST_TODAY.replace("'", "&#x27;") in response.content.decode()


def test_the_sync_refuses_a_new_session_the_same_day(stopped: Plan, owner_client: Client) -> None:
    later = MORNING + timedelta(hours=4)
    body = finished(stopped, start=later, client_id="second-session-today")
    response = _post(owner_client, body)
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert response.json()["error"] == REST_TODAY  # type: ignore[attr-defined]
    tomorrow = finished(stopped, start=later + timedelta(days=1), client_id="tomorrow-session")
    assert _post(owner_client, tomorrow).status_code == 200  # type: ignore[attr-defined]


def test_the_next_day_is_one_step_easier_until_a_session_is_finished(
    stopped: Plan, ready_owner: User, owner_client: Client
) -> None:
    hurt = set(SessionEvent.objects.filter(kind="sharp-pain").values_list("exercise", flat=True))
    assert hurt and "" not in hurt
    next_day = MORNING + timedelta(days=1)
    with time_machine.travel(next_day, tick=False):
        easier = plan_for_today(user=ready_owner, now=next_day)
        assert not hurt & {item["exercise"] for item in easier.data["items"]}
        assert easier.total_seconds <= stopped.total_seconds
        assert any("stays one step easier" in note for note in easier.data["notes"])
        # Ended early: still easier the day after.
        early = payload(
            easier,
            client_id="ended-early-session",
            revision=4,
            status="stopped",
            index=1,
            remaining=0,
            started_at=(next_day + timedelta(hours=1)).isoformat(),
            events=events(1, end="stopped", start=next_day + timedelta(hours=1)),
        )
        assert _post(owner_client, early).status_code == 200  # type: ignore[attr-defined]
    day_after = next_day + timedelta(days=1)
    with time_machine.travel(day_after, tick=False):
        still = plan_for_today(user=ready_owner, now=day_after)
        assert any("stays one step easier" in note for note in still.data["notes"])
        done = finished(still, start=day_after + timedelta(hours=1), client_id="pain-free-one")
        assert _post(owner_client, done).status_code == 200  # type: ignore[attr-defined]
    third = day_after + timedelta(days=1)
    with time_machine.travel(third, tick=False):
        back = plan_for_today(user=ready_owner, now=third)
        assert not any("stays one step easier" in note for note in back.data["notes"])
