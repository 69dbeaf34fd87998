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


def _change(client: Client, old: str, address: str = "127.0.0.1") -> int:
    data = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return client.post(URL, data, REMOTE_ADDR=address).status_code


def _people(count: int) -> list[Client]:
    clients = []
    for n in range(count):
        client = Client()
        client.force_login(User.objects.create_user(f"person{n}", password="any-pass-12345"))
        clients.append(client)
    return clients


def test_it_stops_checking_the_old_password_after_five_failures(
    owner_client: Client, owner: User, password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        assert _change(owner_client, "wrong-guess") == 200
    checked: list[str] = []
    monkeypatch.setattr(User, "check_password", lambda self, raw: checked.append(raw) or True)
    response = owner_client.post(
        URL, {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 429
    assert "Too many attempts. Please wait a few minutes, then try again." in (
        response.content.decode()
    )
    assert checked == [], "the right password must not even be checked"
    monkeypatch.undo()
    owner.refresh_from_db()
    assert owner.check_password(password)


def test_it_counts_failures_per_person_from_any_address(
    owner_client: Client, owner: User, password: str
) -> None:
    for n in range(5):
        assert _change(owner_client, "wrong-guess", address=f"10.0.1.{n}") == 200
    assert _change(owner_client, password, address="10.0.1.99") == 429
    owner.refresh_from_db()
    assert owner.check_password(password)


def test_it_counts_failures_per_address_over_all_people(owner_client: Client, owner: User) -> None:
    for client in _people(5):
        for _ in range(4):
            assert _change(client, "wrong-guess") == 200
    assert _change(owner_client, "roll-slowly-and-breathe-42") == 429
    assert _change(owner_client, "roll-slowly-and-breathe-42", address="10.0.2.1") == 302


def test_it_does_not_count_successes(owner_client: Client, owner: User) -> None:
    current = "roll-slowly-and-breathe-42"
    for n in range(6):
        new = f"rolling-calmly-at-dawn-{n}"
        data = {"old_password": current, "new_password1": new, "new_password2": new}
        assert owner_client.post(URL, data).status_code == 302
        current = new
