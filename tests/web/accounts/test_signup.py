from __future__ import annotations

import pytest
from django.contrib.auth.models import User
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


def test_it_refuses_an_email_already_used(client: Client, owner: User) -> None:
    response = client.post(URL, {**GOOD, "email": "ALICE@example.com"})
    assert response.status_code == 200
    assert "An account with this email already exists" in response.content.decode()
    assert not User.objects.filter(username="bea").exists()


def test_it_refuses_a_username_already_taken(client: Client, owner: User) -> None:
    response = client.post(URL, {**GOOD, "username": "alice"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username="alice").count() == 1


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
