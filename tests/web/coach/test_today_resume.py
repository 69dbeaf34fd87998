"""The today page's start button picks up a session the player would resume."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.content.loader import load_catalog
from rollcoach.web.coach.models import Plan, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.coach.services.profiles import update_profile
from session_support import finished, payload, record

START = 'href="/session/check/">Start session</a>'
RESUME = 'href="/session/check/">Resume session</a>'


def today(client: Client) -> str:
    return client.get("/today/").content.decode().split("<main", 1)[1]


def plan_of(user: User, purpose: str = "programme") -> Plan:
    return plan_for_today(user=user, now=timezone.now(), purpose=purpose)


def test_alice_with_no_session_is_offered_start(ready_owner: User, owner_client: Client) -> None:
    body = today(owner_client)
    assert body.count(START) == 1
    assert "Resume session" not in body


def test_alice_resumes_her_unfinished_session_where_she_left_off(
    ready_owner: User, owner_client: Client
) -> None:
    plan = plan_of(ready_owner)
    record(ready_owner, payload(plan, client_id="alice-unfinished", index=1))
    body = today(owner_client)
    assert body.count(RESUME) == 1
    assert START not in body
    steps = plan.data["timeline"]["steps"]
    name = load_catalog().get(steps[1]["exercise"]).name
    assert f"You left off at {name}, step 2 of {len(steps)}." in body


def test_alice_starts_afresh_once_her_session_is_finished(
    ready_owner: User, owner_client: Client
) -> None:
    plan = plan_of(ready_owner)
    record(ready_owner, payload(plan, client_id="alice-finished"))
    record(ready_owner, finished(plan, client_id="alice-finished"))
    body = today(owner_client)
    assert START in body
    assert "Resume session" not in body


def test_alice_starts_when_her_unfinished_session_cannot_be_resumed(
    ready_owner: User, owner_client: Client
) -> None:
    plan = plan_of(ready_owner)
    log = record(ready_owner, payload(plan, client_id="alice-stale"))
    SessionLog.objects.filter(pk=log.pk).update(state={})
    assert START in today(owner_client)


def test_mallory_s_unfinished_session_leaves_alice_s_page_alone(
    ready_owner: User,
    owner_client: Client,
    outsider: User,
    outsider_client: Client,
    screen_as: Callable[..., None],
) -> None:
    screen_as(outsider)
    update_profile(user=outsider, changes={"areas": ["hips"], "rollers": ["soft"]})
    record(outsider, payload(plan_of(outsider), client_id="mallory-unfinished"))
    assert RESUME in today(outsider_client)
    body = today(owner_client)
    assert START in body
    assert "Resume session" not in body


def test_alice_resumes_a_session_around_a_workout(ready_owner: User, owner_client: Client) -> None:
    plan = plan_of(ready_owner, "after-workout")
    record(ready_owner, payload(plan, client_id="alice-after-workout"))
    body = today(owner_client)
    after = body.split('href="/session/check/?purpose=after-workout">', 1)[1].split("</li>")[0]
    assert after.startswith("Resume session: after a workout</a>")
    assert "You left off at " in after
    assert "Before a workout: up to" in body
    # The day's programme is a session of its own, not yet begun.
    assert START in body
