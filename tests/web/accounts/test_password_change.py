from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accounts/password_change/"
NEW = "rolling-calmly-at-dawn-7"


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_the_form(owner_client: Client) -> None:
    body = owner_client.get(URL).content.decode()
    assert 'name="old_password"' in body and 'name="new_password2"' in body


def test_it_changes_the_password_and_keeps_the_session(
    owner_client: Client, owner: User, password: str
) -> None:
    data = {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    response = owner_client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_change/done/"
    owner.refresh_from_db()
    assert owner.check_password(NEW)
    done = owner_client.get(response["Location"])
    assert done.status_code == 200
    assert "Password changed" in done.content.decode()


def test_it_refuses_a_wrong_old_password(owner_client: Client, owner: User) -> None:
    data = {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW}
    response = owner_client.post(URL, data)
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    owner.refresh_from_db()
    assert not owner.check_password(NEW)


def test_it_applies_the_password_validators(
    owner_client: Client, owner: User, password: str
) -> None:
    data = {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"}
    response = owner_client.post(URL, data)
    assert response.status_code == 200
    assert "This password is entirely numeric" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(password)
