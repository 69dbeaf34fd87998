from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.coach.services.profiles import update_profile


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/start/"


def test_it_explains_the_three_steps_and_begins_with_the_screen(owner_client: Client) -> None:
    response = owner_client.get("/start/")
    assert response.status_code == 200
    body = response.content.decode()
    for step in ("Safety questions", "A short questionnaire", "About you"):
        assert step in body
    assert 'href="/start/screen/"' in body
    assert "Begin with the safety questions" in body


def test_it_routes_to_the_questionnaire_after_a_clear_screen(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner)
    response = owner_client.get("/start/")
    assert 'class="button big" href="/start/back/"' in response.content.decode()


def test_it_routes_to_the_profile_after_the_questionnaire(
    owner: User,
    owner_client: Client,
    screen_as: Callable[..., None],
    start_back_taken: Callable[[User], None],
) -> None:
    screen_as(owner)
    start_back_taken(owner)
    response = owner_client.get("/start/")
    assert 'class="button big" href="/profile/"' in response.content.decode()


def test_it_sends_an_onboarded_person_to_today(
    owner: User,
    owner_client: Client,
    screen_as: Callable[..., None],
    start_back_taken: Callable[[User], None],
) -> None:
    screen_as(owner)
    start_back_taken(owner)
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"]})
    response = owner_client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_it_shows_the_stop_and_offers_the_screen_again_after_an_emergency(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "EMERGENCY")
    body = owner_client.get("/start/").content.decode()
    assert 'role="alert"' in body
    assert "emergency department" in body
    assert "Take the safety questions again" in body
    assert 'href="/start/back/"' not in body


def test_it_offers_clearance_while_paused(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    body = owner_client.get("/start/").content.decode()
    assert 'href="/clearance/"' in body
    assert "A clinician has reviewed me: record what they said" in body
    assert 'class="button big" href="/start/back/"' in body


def test_it_shows_the_outsider_their_own_progress(
    owner: User,
    outsider_client: Client,
    screen_as: Callable[..., None],
    start_back_taken: Callable[[User], None],
) -> None:
    screen_as(owner)
    start_back_taken(owner)
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"]})
    response = outsider_client.get("/start/")
    assert response.status_code == 200
    assert "Begin with the safety questions" in response.content.decode()
