"""A short rolling session before or after a workout, offered on the today page and run by the
same player, from a plan of its own built by the same rules."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.screens import load_pre_session
from rollcoach.planning.workout import FITTINGS, Workout
from rollcoach.web.coach.models import Plan
from rollcoach.web.coach.services.profiles import update_profile


def _config(body: str) -> dict[str, Any]:
    start = body.index('<script id="player-config" type="application/json">')
    data: dict[str, Any] = json.loads(body[start:].split(">", 1)[1].split("</script>", 1)[0])
    return data


def test_it_offers_both_on_the_today_page(ready_owner: User, owner_client: Client) -> None:
    body = owner_client.get("/today/").content.decode()
    assert 'href="/session/check/?purpose=before-workout"' in body
    assert 'href="/session/check/?purpose=after-workout"' in body
    assert "about 4 %" in body and "about 6 %" in body
    assert "does not treat back pain" in body


def test_it_offers_neither_without_a_roller(ready_owner: User, owner_client: Client) -> None:
    update_profile(user=ready_owner, changes={"rollers": ["none"]})
    assert "purpose=before-workout" not in owner_client.get("/today/").content.decode()


def test_the_check_leads_to_the_player_for_that_session(
    ready_owner: User, owner_client: Client
) -> None:
    answers = {q.id: "no" for q in load_pre_session()}
    response = owner_client.post("/session/check/?purpose=after-workout", answers)
    assert response["Location"] == "/session/?purpose=after-workout"
    page = owner_client.get(response["Location"])
    assert page.status_code == 200
    config = _config(page.content.decode())
    plan = Plan.objects.get(pk=config["plan_id"])
    assert plan.purpose == Workout.AFTER.value
    assert config["timeline"]["total_seconds"] <= FITTINGS[Workout.AFTER].minutes * 60
    rolls = [s for s in config["timeline"]["steps"] if s["kind"] == "roll"]
    assert rolls and {s["pace_seconds"] for s in rolls} == {4}
    # The day's programme is a plan of its own and stays as it was.
    programme = Plan.objects.get(user=ready_owner, purpose="programme")
    assert programme.pk != plan.pk


def test_an_unknown_purpose_is_the_days_programme(ready_owner: User, owner_client: Client) -> None:
    answers = {q.id: "no" for q in load_pre_session()}
    response = owner_client.post("/session/check/?purpose=marathon", answers)
    assert response["Location"] == "/session/"
