"""The admin's ways in go through the site's limiter: its login, and its password change."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/admin/login/"
SITE_LOGIN = "/accounts/login/"


def _try(
    client: Client, username: str, password: str, url: str = URL, address: str = "127.0.0.1"
) -> int:
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(url, data, REMOTE_ADDR=address).status_code


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The usernames whose passwords were checked."""
    checked: list[str] = []
    authenticate = ModelBackend.authenticate

    def counting(self: ModelBackend, request: Any, username: Any = None, **kwargs: Any) -> Any:
        checked.append(str(username))
        return authenticate(self, request, username=username, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return checked


def test_a_moderator_logs_in(client: Client, moderator: User, password: str) -> None:
    assert _try(client, "maria", password) == 302
    assert client.get("/admin/").status_code == 200


def test_it_refuses_people_who_are_not_staff(client: Client, owner: User, password: str) -> None:
    response = client.post(URL, {"username": "alice", "password": password})
    assert response.status_code == 200
    assert "staff account" in response.content.decode()


def test_it_stops_checking_passwords_after_five_failures(
    client: Client, moderator: User, password: str, checks: list[str]
) -> None:
    for _ in range(5):
        assert _try(client, "maria", "wrong-guess") == 200
    assert len(checks) == 5
    response = client.post(URL, {"username": "maria", "password": password})
    assert response.status_code == 429
    assert "Too many attempts. Please wait a few minutes, then try again." in (
        response.content.decode()
    )
    assert len(checks) == 5, "the right password must not even be checked"
    assert client.get("/admin/").status_code == 302


def test_it_shares_its_count_with_the_sites_login(
    client: Client, moderator: User, password: str
) -> None:
    for _ in range(3):
        assert _try(client, "maria", "wrong-guess", url=SITE_LOGIN) == 200
    for _ in range(2):
        assert _try(client, "maria", "wrong-guess") == 200
    assert _try(client, "maria", password) == 429
    assert _try(client, "maria", password, url=SITE_LOGIN) == 429
    assert _try(client, "maria", password, address="10.0.0.7") == 302


def test_it_counts_failures_per_address(client: Client, moderator: User, password: str) -> None:
    for n in range(20):
        assert _try(client, f"guess{n}", "wrong-guess") == 200
    assert _try(client, "maria", password) == 429
    assert _try(client, "maria", password, address="10.0.0.8") == 302


PASSWORD_CHANGE = "/admin/password_change/"
NEW = "rolling-calmly-at-dawn-7"


def _change(client: Client, old: str) -> int:
    data = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return client.post(PASSWORD_CHANGE, data).status_code


def test_the_admins_password_change_works(moderator_client: Client, moderator: User) -> None:
    page = moderator_client.get(PASSWORD_CHANGE)
    assert page.status_code == 200
    assert 'name="old_password"' in page.content.decode()
    assert _change(moderator_client, "roll-slowly-and-breathe-42") == 302
    moderator.refresh_from_db()
    assert moderator.check_password(NEW)


def test_the_admins_password_change_is_limited(
    moderator_client: Client, moderator: User, password: str
) -> None:
    for _ in range(5):
        assert _change(moderator_client, "wrong-guess") == 200
    response = moderator_client.post(
        PASSWORD_CHANGE, {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    moderator.refresh_from_db()
    assert moderator.check_password(password)


def test_the_admins_password_change_is_for_staff_only(owner_client: Client) -> None:
    response = owner_client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
