from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.http import HttpResponse
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accounts/signup/"
GOOD = {
    "username": "bea",
    "email": "bea@example.com",
    "password1": "slow-rolls-every-morning",
    "password2": "slow-rolls-every-morning",
}


def test_it_shows_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body and 'name="email"' in body and 'name="password2"' in body
    assert "Your history stays yours" in body


def test_it_creates_the_account_logs_in_and_goes_to_onboarding(client: Client) -> None:
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/start/"
    user = User.objects.get(username="bea")
    assert user.email == "bea@example.com"
    assert not user.is_staff
    assert client.get("/accounts/").status_code == 200


def test_it_refuses_passwords_that_differ(client: Client) -> None:
    response = client.post(URL, {**GOOD, "password2": "something-else-entirely"})
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not User.objects.filter(username="bea").exists()


def test_it_applies_the_password_validators(client: Client) -> None:
    response = client.post(URL, {**GOOD, "password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert not User.objects.filter(username="bea").exists()


def test_it_requires_an_email(client: Client) -> None:
    response = client.post(URL, {**GOOD, "email": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not User.objects.filter(username="bea").exists()


def _signup(email: str, username: str) -> HttpResponse:
    return Client().post(URL, {**GOOD, "username": username, "email": email})


def _shape(response: HttpResponse) -> tuple[object, ...]:
    """All a response shows, less what differs on every response anyway: the cookies' random
    values and expiry times, and the moment in the Expires header."""
    cookies = {
        name: {k: v for k, v in morsel.items() if v and k != "expires"}
        for name, morsel in response.cookies.items()
    }
    headers = {k: v for k, v in response.headers.items() if k not in ("Set-Cookie", "Expires")}
    return response.status_code, headers, cookies, response.content


def test_it_answers_the_same_whether_or_not_an_email_has_an_account(owner: User) -> None:
    taken = _signup("ALICE@example.com", "bea")
    free = _signup("nobody-has-this@example.com", "bee")
    assert taken.status_code == 302 and taken["Location"] == "/start/"
    assert _shape(taken) == _shape(free)
    assert User.objects.get(username="bea").email == "ALICE@example.com"
    assert User.objects.filter(email__iexact="alice@example.com").count() == 2


def test_it_refuses_other_mistakes_the_same_way_whether_or_not_the_email_is_taken(
    owner: User,
) -> None:
    bodies = []
    for email in ("alice@example.com", "zara@example.com"):
        response = Client().post(URL, {**GOOD, "email": email, "password2": "not-the-same"})
        assert response.status_code == 200
        page = response.content.decode().replace(email, "EMAIL")
        bodies.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", page))
    assert bodies[0] == bodies[1]
    assert "already" not in bodies[0]


def test_a_shared_address_gets_a_link_for_each_account(client: Client, owner: User) -> None:
    assert _signup("alice@example.com", "bea").status_code == 302
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    greetings = sorted(message.body.splitlines()[0] for message in mail.outbox)
    assert greetings == ["Hello alice,", "Hello bea,"]


def test_it_refuses_a_username_already_taken(client: Client, owner: User) -> None:
    response = client.post(URL, {**GOOD, "username": "alice"})
    assert response.status_code == 200
    assert "That username is taken" in response.content.decode()
    assert User.objects.filter(username="alice").count() == 1


@pytest.mark.parametrize(
    "look_alike",
    [
        "ALICE",  # case
        "Alice",
        "ａｌｉｃｅ",  # full width
        "𝐚𝐥𝐢𝐜𝐞",  # mathematical bold
        "\u0430lice",  # Cyrillic a
        "\u0430\u04cf\u0456\u0441\u0435",  # all Cyrillic: а ӏ і с е
        "ALİCE",  # Latin capital I with dot above
        "al\u0131ce",  # dotless i
    ],
)
def test_it_refuses_names_that_look_like_one_taken(
    client: Client, owner: User, look_alike: str
) -> None:
    response = client.post(URL, {**GOOD, "username": look_alike})
    assert response.status_code == 200, look_alike
    assert "That username is taken, or looks too much like one that is" in response.content.decode()
    assert User.objects.count() == 1


def test_it_stores_names_in_their_normal_form(client: Client) -> None:
    response = client.post(URL, {**GOOD, "username": "ｂｅａ２"})
    assert response.status_code == 302
    assert User.objects.filter(username="bea2").exists()


def test_it_keeps_distinct_names_apart(client: Client, owner: User) -> None:
    # Near but not the same: a different letter, an accent, another letter of another script.
    for name in ("alicia", "alicé", "алиса"):
        assert Client().post(URL, {**GOOD, "username": name}).status_code == 302, name
    assert User.objects.count() == 4


@pytest.mark.parametrize(
    "name",
    [
        "admin",
        "Administrator",
        "moderator",
        "support",
        "staff",
        "root",
        "rollcoach",
        "help",
        "ａｄｍｉｎ",
        "\u0430dmin",  # Cyrillic a
        "r\u043e\u043et",  # Cyrillic o
        "adm1n",
        "r00t",
        "ad_min",
        "Roll.Coach",
        "admin2",
        "he1p",
    ],
)
def test_it_keeps_the_reserved_names_and_their_look_alikes(client: Client, name: str) -> None:
    response = client.post(URL, {**GOOD, "username": name})
    assert response.status_code == 200, name
    assert "That username is kept for the people who run rollcoach" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("name", ["helper", "rootbeer", "staffordshire", "admiral", "supporter"])
def test_it_allows_names_that_only_contain_a_reserved_word(client: Client, name: str) -> None:
    assert client.post(URL, {**GOOD, "username": name}).status_code == 302, name


def test_it_limits_sign_ups_from_one_address(client: Client) -> None:
    for _ in range(10):
        assert client.post(URL, {**GOOD, "password2": "no-match-here"}).status_code == 200
    response = client.post(URL, GOOD)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.filter(username="bea").exists()
    other = client.post(URL, GOOD, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_it_sends_a_logged_in_person_to_their_account(owner_client: Client) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
