from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.models import Screening

IDS = [q.id for q in load_red_flags()]


def answers(yes: str | None = None, **overrides: str) -> dict[str, str]:
    data = {qid: "yes" if qid == yes else "no" for qid in IDS}
    data.update(overrides)
    return data


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/start/screen/")
    assert response["Location"] == "/accounts/login/?next=/start/screen/"


def test_it_asks_every_question_as_a_required_yes_no_pair_in_groups(
    owner_client: Client,
) -> None:
    body = owner_client.get("/start/screen/").content.decode()
    for question in load_red_flags():
        assert f'name="{question.id}" value="yes"' in body
        assert f'name="{question.id}" value="no"' in body
    assert body.count("required") >= 2 * len(IDS)
    assert "Bladder, bowels, feeling and strength" in body
    assert "Your back pain over time" in body
    assert "not a diagnosis" in body


@pytest.mark.parametrize(
    ("yes", "level", "location"),
    [
        (None, "PROCEED", "/start/back/"),
        ("E2", "EMERGENCY", "/start/screen/result/"),
        ("U1", "URGENT", "/start/screen/result/"),
        ("G1", "SEE-CLINICIAN", "/start/screen/result/"),
    ],
)
def test_it_stores_the_level_and_routes_by_it(
    owner: User, owner_client: Client, yes: str | None, level: str, location: str
) -> None:
    response = owner_client.post("/start/screen/", answers(yes))
    assert response.status_code == 302
    assert response["Location"] == location
    saved = Screening.objects.get(user=owner, kind=Screening.Kind.RED_FLAGS)
    assert saved.level == level


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ("E2", ["Get medical help now", "emergency department", 'role="alert"']),
        ("U1", ["Contact a doctor today", "within 24 hours", 'role="alert"']),
        ("G1", ["Your programme is paused", "A clinician has reviewed me", 'href="/clearance/"']),
    ],
)
def test_it_shows_each_level_its_own_page(
    owner_client: Client, yes: str, expected: list[str]
) -> None:
    owner_client.post("/start/screen/", answers(yes))
    body = owner_client.get("/start/screen/result/").content.decode()
    for text in expected:
        assert text in body
    assert "This is not a diagnosis" in body
    assert 'href="/start/screen/"' in body  # come back later: take it again
    question = next(q for q in load_red_flags() if q.id == yes)
    assert question.text.split()[0] in body


def test_it_offers_to_record_a_review_at_emergency_level(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers("E2"))
    body = owner_client.get("/start/screen/result/").content.decode()
    # Get help first; once seen, the person records the review instead of changing an answer.
    assert body.index("Get medical help now") < body.index('href="/clearance/"')
    assert "never need to change a true answer" in body


def test_it_explains_the_inflammatory_pattern(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers("G6"))
    body = owner_client.get("/start/screen/result/").content.decode()
    assert "rheumatologist" in body


def test_it_refuses_a_missing_answer_and_stores_nothing(owner: User, owner_client: Client) -> None:
    data = answers()
    del data["E3"]
    response = owner_client.post("/start/screen/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please answer yes or no." in body
    assert 'href="#id_E3_group"' in body
    assert not Screening.objects.filter(user=owner).exists()


@pytest.mark.parametrize("value", ["maybe", "true", "1", ""])
def test_it_refuses_an_answer_that_is_not_yes_or_no(
    owner: User, owner_client: Client, value: str
) -> None:
    response = owner_client.post("/start/screen/", answers(E1=value))
    assert response.status_code == 200
    assert "Please answer yes or no." in response.content.decode()
    assert not Screening.objects.filter(user=owner).exists()


def test_it_ignores_unknown_fields_without_storing_them(owner: User, owner_client: Client) -> None:
    data = answers() | {"Z9": "yes"}
    owner_client.post("/start/screen/", data)
    saved = Screening.objects.get(user=owner)
    assert "Z9" not in saved.answers


def test_it_goes_on_to_the_profile_when_the_questionnaire_is_done(
    owner: User, owner_client: Client, start_back_taken: Callable[[User], None]
) -> None:
    start_back_taken(owner)
    response = owner_client.post("/start/screen/", answers())
    assert response["Location"] == "/profile/"


def test_it_sends_the_result_page_to_the_screen_before_any_answers(
    owner_client: Client,
) -> None:
    response = owner_client.get("/start/screen/result/")
    assert response["Location"] == "/start/screen/"


def test_it_moves_a_clear_result_on_to_the_next_step(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers())
    response = owner_client.get("/start/screen/result/")
    assert response["Location"] == "/start/back/"


def test_it_never_shows_the_owner_s_result_to_the_outsider(
    owner_client: Client, outsider_client: Client
) -> None:
    owner_client.post("/start/screen/", answers("E2"))
    response = outsider_client.get("/start/screen/result/")
    assert response.status_code == 302
    assert response["Location"] == "/start/screen/"
