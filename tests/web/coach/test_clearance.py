from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.models import Clearance
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_red_flag_screen

Screen = Callable[..., None]


def review(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "given_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "clinician": "my GP, Dr Patel",
        "said": "Fine to start gently; avoid pressing on the spine.",
        "go_ahead": "on",
    }
    return fields | changes


def with_profile(user: User, *conditions: str) -> None:
    changes = {"areas": ["upper-back"], "rollers": ["soft"], "conditions": list(conditions)}
    update_profile(user=user, changes=changes)


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/clearance/")
    assert response["Location"] == "/accounts/login/?next=/clearance/"


def test_it_shows_what_a_review_would_clear(
    owner: User, owner_client: Client, screen_as: Screen
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    with_profile(owner, "osteoporosis")
    response = owner_client.get("/clearance/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Record a clinician’s review" in body
    assert "unexplained" in body.lower() or "weight" in body.lower()
    assert "osteoporosis" in body.lower()
    assert "It clears those and nothing else" in body


def test_it_says_when_nothing_waits(ready_owner: User, owner_client: Client) -> None:
    body = owner_client.get("/clearance/").content.decode()
    assert "Nothing is waiting for a clinician’s review" in body
    assert owner_client.post("/clearance/", review()).status_code == 400
    assert not Clearance.objects.exists()


def test_it_records_who_when_and_what_they_said_and_lets_the_plan_go_ahead(
    owner: User, owner_client: Client, screen_as: Screen
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    with_profile(owner)
    assert "Start session" not in owner_client.get("/today/").content.decode()
    response = owner_client.post("/clearance/", review(), follow=True)
    saved = Clearance.objects.get(user=owner)
    assert (saved.clinician, saved.given_on) == (
        "my GP, Dr Patel",
        timezone.localdate() - timedelta(days=1),
    )
    assert "avoid pressing" in saved.said
    assert "Recorded: my GP, Dr Patel saw you on" in response.content.decode()
    assert "Start session" in owner_client.get("/today/").content.decode()


def test_a_condition_added_after_clearance_asks_for_a_new_one(
    owner: User, owner_client: Client, screen_as: Screen
) -> None:
    screen_as(owner)
    with_profile(owner, "osteoporosis")
    owner_client.post("/clearance/", review())
    assert Clearance.objects.get(user=owner).covers == ["osteoporosis"]
    assert "Start session" in owner_client.get("/today/").content.decode()
    with_profile(owner, "osteoporosis", "dvt")
    body = owner_client.get("/today/").content.decode()
    assert "Start session" not in body
    assert "cleared you for: a deep vein thrombosis" in body.lower()
    owner_client.post("/clearance/", review(said="Fine with the clot treated."))
    assert "Start session" in owner_client.get("/today/").content.decode()


def test_a_new_answer_that_needs_a_clinician_asks_for_a_new_one(
    owner: User, owner_client: Client, screen_as: Screen
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    with_profile(owner)
    owner_client.post("/clearance/", review())
    # The same answer again is still cleared; another SEE-CLINICIAN answer is new.
    answers = {q.id: q.id in ("G1", "G3") for q in load_red_flags()}
    take_red_flag_screen(user=owner, answers=answers, now=timezone.now())
    body = owner_client.get("/today/").content.decode()
    assert "Start session" not in body
    assert "night" in body.lower()


@pytest.mark.parametrize("level", ["URGENT", "EMERGENCY"])
def test_a_review_after_urgent_care_lets_the_person_go_on_without_changing_an_answer(
    owner: User, owner_client: Client, screen_as: Screen, level: str
) -> None:
    screen_as(owner, level)
    with_profile(owner)
    stop = owner_client.get("/start/screen/result/").content.decode()
    assert 'href="/clearance/"' in stop
    assert "never need to change a true answer" in stop
    owner_client.post("/clearance/", review(said="Seen in A&E; all clear, keep moving."))
    body = owner_client.get("/today/", follow=True).content.decode()
    assert "Start session" in body
    # The screen still holds the true answer.
    assert owner.screenings.get(kind="red-flags").level == level


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"go_ahead": ""}, "only once a clinician has said you can go ahead"),
        ({"clinician": ""}, "Say who reviewed you"),
        ({"said": ""}, "Say what they told you"),
        ({"given_on": "yesterday"}, "Give the day as a date"),
        ({"given_on": (date.today() + timedelta(days=3)).isoformat()}, "in the future"),
        ({"said": "x" * 501}, "at most 500 characters"),
    ],
)
def test_it_refuses_an_incomplete_review_and_stores_nothing(
    owner: User, owner_client: Client, screen_as: Screen, changes: dict[str, object], message: str
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    response = owner_client.post("/clearance/", review(**changes))
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Clearance.objects.exists()


def test_it_cannot_clear_a_fracture(owner: User, owner_client: Client, screen_as: Screen) -> None:
    screen_as(owner)
    with_profile(owner, "fracture")
    assert owner_client.post("/clearance/", review()).status_code == 400
    assert not Clearance.objects.exists()
    assert "not safe for you right now" in owner_client.get("/today/").content.decode()


def test_it_needs_the_csrf_token(owner: User, screen_as: Screen) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/clearance/", review()).status_code == 403
    assert not Clearance.objects.exists()


def test_it_clears_only_the_person_signed_in(
    owner: User, outsider_client: Client, screen_as: Screen
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    outsider_client.post("/clearance/", review())
    assert not Clearance.objects.filter(user=owner).exists()


def test_it_goes_on_to_the_next_step_without_a_profile_yet(
    owner: User, owner_client: Client, screen_as: Screen
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    response = owner_client.post("/clearance/", review())
    assert response["Location"] == "/start/back/"


def test_it_goes_to_today_when_the_profile_is_done(
    ready_owner: User, owner_client: Client, screen_as: Screen
) -> None:
    screen_as(ready_owner, "SEE-CLINICIAN")
    response = owner_client.post("/clearance/", review())
    assert response["Location"] == "/today/"
