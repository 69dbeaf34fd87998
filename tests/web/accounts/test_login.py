from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accounts/login/"


def _try(client: Client, username: str, password: str, address: str = "127.0.0.1") -> int:
    return client.post(
        URL, {"username": username, "password": password}, REMOTE_ADDR=address
    ).status_code


def test_it_shows_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body and 'name="password"' in body
    assert "/accounts/password_reset/" in body


def test_it_logs_in_and_goes_to_today(client: Client, owner: User, password: str) -> None:
    response = client.post(URL, {"username": "alice", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    assert client.get("/accounts/").status_code == 200


def test_it_ignores_a_next_on_another_site(client: Client, owner: User, password: str) -> None:
    data = {"username": "alice", "password": password, "next": "https://evil.example/"}
    response = client.post(URL, data)
    assert response["Location"] == "/today/"


def test_it_refuses_a_wrong_password(client: Client, owner: User) -> None:
    response = client.post(URL, {"username": "alice", "password": "not-my-password"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert client.get("/accounts/").status_code == 302


def test_it_stops_checking_after_five_failures(client: Client, owner: User, password: str) -> None:
    for _ in range(5):
        assert _try(client, "alice", "wrong-guess") == 200
    response = client.post(URL, {"username": "alice", "password": password})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert 'name="username"' in response.content.decode()
    assert client.get("/accounts/").status_code == 302


def test_it_counts_failures_per_username_and_address(
    client: Client, owner: User, password: str
) -> None:
    for _ in range(5):
        _try(client, "ALICE", "wrong-guess")
    assert _try(client, "alice", password) == 429
    assert _try(client, "alice", password, address="10.0.0.2") == 302


def test_it_counts_failures_per_address(client: Client, owner: User, password: str) -> None:
    for n in range(20):
        assert _try(client, f"guess{n}", "wrong-guess") == 200
    assert _try(client, "alice", password) == 429
    assert _try(client, "alice", password, address="10.0.0.3") == 302


def test_it_does_not_count_successes(client: Client, owner: User, password: str) -> None:
    for _ in range(6):
        assert _try(client, "alice", password) == 302
        client.logout()
