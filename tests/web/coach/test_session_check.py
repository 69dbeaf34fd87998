from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.content.screens import load_pre_session
from rollcoach.web.coach.models import Screening
from rollcoach.web.coach.selectors import checked_since_screen

IDS = [q.id for q in load_pre_session()]


def answers(yes: str | None = None) -> dict[str, str]:
    return {qid: "yes" if qid == yes else "no" for qid in IDS}


def checks(user: User) -> int:
    return Screening.objects.filter(user=user, kind=Screening.Kind.PRE_SESSION).count()


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/session/check/")
    assert response["Location"] == "/accounts/login/?next=/session/check/"


def test_it_sends_a_person_without_a_plan_to_today(owner_client: Client) -> None:
    assert owner_client.get("/session/check/")["Location"] == "/today/"


def test_it_is_closed_while_the_programme_is_paused(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    assert owner_client.get("/session/check/")["Location"] == "/today/"
    owner_client.post("/session/check/", answers())
    assert checks(owner) == 0


def test_it_asks_the_short_questions(ready_owner: User, owner_client: Client) -> None:
    body = owner_client.get("/session/check/").content.decode()
    for question in load_pre_session():
        assert f'name="{question.id}" value="yes"' in body
        assert f'name="{question.id}" value="no"' in body


def test_it_sends_a_clear_check_to_the_session(ready_owner: User, owner_client: Client) -> None:
    response = owner_client.post("/session/check/", answers())
    assert response["Location"] == "/session/"
    assert checked_since_screen(ready_owner, timezone.now())


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ("PS1", ["Get medical help now", "emergency department", 'role="alert"']),
        ("PS4", ["Contact a doctor today", 'role="alert"']),
        ("PS6", ["Your programme is paused", 'href="/clearance/"']),
    ],
)
def test_it_stops_on_anything_else_with_the_guidance(
    ready_owner: User, owner_client: Client, yes: str, expected: list[str]
) -> None:
    response = owner_client.post("/session/check/", answers(yes))
    assert response["Location"] == "/session/check/result/"
    assert not checked_since_screen(ready_owner, timezone.now())
    body = owner_client.get("/session/check/result/").content.decode()
    for text in expected:
        assert text in body
    assert "This is not a diagnosis" in body
    assert "Start session" not in owner_client.get("/today/").content.decode()
    # A second, clear check cannot undo the stop: the check stays closed until it is resolved.
    assert owner_client.get("/session/check/")["Location"] == "/today/"


def test_it_refuses_a_missing_answer_and_stores_nothing(
    ready_owner: User, owner_client: Client
) -> None:
    data = answers()
    del data["PS2"]
    response = owner_client.post("/session/check/", data)
    assert response.status_code == 200
    assert "Please answer yes or no." in response.content.decode()
    assert checks(ready_owner) == 0


def test_it_refuses_an_answer_that_is_not_yes_or_no(
    ready_owner: User, owner_client: Client
) -> None:
    response = owner_client.post("/session/check/", answers() | {"PS1": "no thanks"})
    assert response.status_code == 200
    assert checks(ready_owner) == 0


def test_it_sends_the_result_page_to_the_check_before_any_answers(
    ready_owner: User, owner_client: Client
) -> None:
    assert owner_client.get("/session/check/result/")["Location"] == "/session/check/"


def test_it_never_shows_the_owner_s_result_to_the_outsider(
    ready_owner: User, owner_client: Client, outsider_client: Client
) -> None:
    owner_client.post("/session/check/", answers("PS1"))
    response = outsider_client.get("/session/check/result/")
    assert response.status_code == 302
    assert response["Location"] == "/session/check/"
