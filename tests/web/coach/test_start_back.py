from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.screens import load_start_back
from rollcoach.web.coach.models import Screening


def answers(agree: int = 0, bother: str = "slightly") -> dict[str, str]:
    """Agrees with items SB1 to SB`agree`; the distress items are SB5 onwards."""
    data = {f"SB{n}": "agree" if n <= agree else "disagree" for n in range(1, 9)}
    return data | {"SB9": bother}


@pytest.fixture
def screened(owner: User, screen_as: Callable[..., None]) -> User:
    screen_as(owner)
    return owner


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/start/back/")
    assert response["Location"] == "/accounts/login/?next=/start/back/"


def test_it_waits_for_the_safety_questions(owner_client: Client) -> None:
    assert owner_client.get("/start/back/")["Location"] == "/start/"


def test_it_is_closed_after_an_emergency_result(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "EMERGENCY")
    assert owner_client.get("/start/back/")["Location"] == "/start/"


def test_it_asks_the_nine_items_with_the_keele_statement(
    screened: User, owner_client: Client
) -> None:
    body = owner_client.get("/start/back/").content.decode()
    tool = load_start_back()
    for item in tool.items:
        assert f'name="{item.id}"' in body
    for n in range(1, 9):
        assert f'name="SB{n}" value="agree"' in body
    for option in ("not at all", "slightly", "moderately", "very much", "extremely"):
        assert f'name="SB9" value="{option}"' in body
    assert tool.statement in body
    assert tool.intro in body


@pytest.mark.parametrize(
    ("agree", "bother", "risk", "physio"),
    [
        (0, "slightly", "low", False),
        (4, "not at all", "medium", True),
        (8, "extremely", "high", True),
    ],
)
def test_it_scores_and_shows_the_risk_group(
    screened: User, owner_client: Client, agree: int, bother: str, risk: str, physio: bool
) -> None:
    response = owner_client.post("/start/back/", answers(agree, bother))
    assert response["Location"] == "/start/back/result/"
    saved = Screening.objects.get(user=screened, kind=Screening.Kind.START_BACK)
    assert saved.level == risk
    body = owner_client.get("/start/back/result/").content.decode()
    assert f"{risk.capitalize()} risk group" in body
    assert ("supervised exercise programme alongside the app" in body) is physio
    assert 'href="/profile/"' in body
    assert load_start_back().statement in body


def test_it_refuses_a_missing_item_and_stores_nothing(screened: User, owner_client: Client) -> None:
    data = answers()
    del data["SB4"]
    response = owner_client.post("/start/back/", data)
    assert response.status_code == 200
    assert "Please choose an answer." in response.content.decode()
    assert not Screening.objects.filter(kind=Screening.Kind.START_BACK).exists()


@pytest.mark.parametrize(("item", "value"), [("SB9", "a lot"), ("SB2", "yes"), ("SB2", "true")])
def test_it_refuses_an_answer_the_tool_does_not_offer(
    screened: User, owner_client: Client, item: str, value: str
) -> None:
    response = owner_client.post("/start/back/", answers() | {item: value})
    assert response.status_code == 200
    assert "Please choose one of the answers shown." in response.content.decode()
    assert not Screening.objects.filter(kind=Screening.Kind.START_BACK).exists()


def test_it_sends_the_result_page_to_the_questionnaire_before_any_answers(
    screened: User, owner_client: Client
) -> None:
    assert owner_client.get("/start/back/result/")["Location"] == "/start/back/"


def test_it_never_shows_the_owner_s_result_to_the_outsider(
    screened: User, owner_client: Client, outsider_client: Client
) -> None:
    owner_client.post("/start/back/", answers(8, "extremely"))
    response = outsider_client.get("/start/back/result/")
    assert response.status_code == 302
    assert response["Location"] == "/start/back/"
