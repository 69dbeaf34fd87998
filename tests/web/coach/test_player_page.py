from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.content.screens import load_pre_session, load_red_flags
from rollcoach.safety.sharp_pain import SHARP_PAIN_ADVICE
from rollcoach.web.coach.models import Plan, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_pre_session_check, take_red_flag_screen
from session_support import record


def check(user: User, hours_ago: float = 0) -> None:
    answers = {q.id: False for q in load_pre_session()}
    take_pre_session_check(
        user=user, answers=answers, now=timezone.now() - timedelta(hours=hours_ago)
    )


def config(response: Any) -> dict[str, Any]:
    body = response.content.decode()
    start = body.index('<script id="player-config" type="application/json">')
    data = body[start:].split(">", 1)[1].split("</script>", 1)[0]
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def unfinished(user: User, plan: Plan, client_id: str) -> SessionLog:
    at = timezone.now().isoformat()
    return record(
        user,
        {
            "client_id": client_id,
            "plan_id": plan.pk,
            "revision": 6,
            "status": "running",
            "index": 2,
            "remaining": 4.0,
            "active": 100.0,
            "outcomes": {"0": "done", "1": "done"},
            "pain_before": 4,
            "pain_after": None,
            "started_at": at,
            "events": [{"seq": 0, "kind": "started", "step_index": None, "at": at}],
        },
    )


@pytest.fixture
def checked_owner(ready_owner: User) -> User:
    check(ready_owner)
    return ready_owner


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/session/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/session/"


def test_it_sends_a_person_without_a_plan_to_today(owner_client: Client) -> None:
    response = owner_client.get("/session/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_it_sends_a_person_whose_screen_needs_a_clinician_to_today(
    owner: User, owner_client: Client
) -> None:
    answers = {q.id: q.id == "U1" for q in load_red_flags()}
    take_red_flag_screen(user=owner, answers=answers, now=timezone.now())
    update_profile(
        user=owner, changes={"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10}
    )
    response = owner_client.get("/session/")
    assert response["Location"] == "/today/"


def test_it_asks_for_the_check_before_a_session(ready_owner: User, owner_client: Client) -> None:
    response = owner_client.get("/session/")
    assert response.status_code == 302
    assert response["Location"] == "/session/check/"


def test_it_asks_again_when_the_check_is_old(ready_owner: User, owner_client: Client) -> None:
    check(ready_owner, hours_ago=13)
    assert owner_client.get("/session/")["Location"] == "/session/check/"


def test_it_shows_the_player_with_todays_timeline(
    checked_owner: User, owner_client: Client
) -> None:
    response = owner_client.get("/session/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plan = Plan.objects.get(user=checked_owner)
    data = config(response)
    assert data["plan_id"] == plan.pk
    assert data["timeline"] == plan.timeline
    assert data["resume"] is None
    slugs = {step["exercise"] for step in plan.timeline["steps"] if step["exercise"]}  # type: ignore[index, union-attr]
    assert set(data["names"]) == slugs
    assert data["vocabulary"]["finished"] == ["completed", "stopped", "stopped-sharp-pain"]
    assert timezone.datetime.fromisoformat(data["check_until"]) > timezone.now()
    body = response.content.decode()
    assert SHARP_PAIN_ADVICE.replace("'", "&#x27;") in body
    assert "Pain right now (0-10)" in body
    assert "Sharp pain — stop" in body
    assert f'data-csrf="{response.context["csrf_token"]}"' in body
    assert "/static/coach/player.js" in body


def test_it_offers_the_unfinished_session_paused(checked_owner: User, owner_client: Client) -> None:
    plan = plan_for_today(user=checked_owner, now=timezone.now())
    unfinished(checked_owner, plan, "owner-session-0001")
    resume = config(owner_client.get("/session/"))["resume"]
    assert resume["client_id"] == "owner-session-0001"
    assert (resume["revision"], resume["status"], resume["index"]) == (6, "paused", 2)
    assert resume["remaining"] == pytest.approx(4.0)
    assert [event["seq"] for event in resume["events"]] == [0]


def test_it_resumes_with_the_timeline_the_session_began_with(
    checked_owner: User, owner_client: Client
) -> None:
    plan = plan_for_today(user=checked_owner, now=timezone.now())
    log = unfinished(checked_owner, plan, "owner-session-0002")
    log.timeline = {**log.timeline, "total_seconds": 12345}
    log.save()
    assert config(owner_client.get("/session/"))["timeline"]["total_seconds"] == 12345


def test_it_never_offers_another_persons_session(
    checked_owner: User, outsider: User, outsider_client: Client
) -> None:
    owner_plan = plan_for_today(user=checked_owner, now=timezone.now())
    unfinished(checked_owner, owner_plan, "owner-session-0003")
    take_red_flag_screen(
        user=outsider, answers={q.id: False for q in load_red_flags()}, now=timezone.now()
    )
    update_profile(
        user=outsider, changes={"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10}
    )
    check(outsider)
    response = outsider_client.get("/session/")
    assert response.status_code == 200
    assert config(response)["resume"] is None
    assert "owner-session-0003" not in response.content.decode()


def test_it_starts_fresh_after_a_finished_session(
    checked_owner: User, owner_client: Client
) -> None:
    plan = plan_for_today(user=checked_owner, now=timezone.now())
    log = unfinished(checked_owner, plan, "owner-session-0004")
    log.status = "completed"
    log.save()
    assert config(owner_client.get("/session/"))["resume"] is None
