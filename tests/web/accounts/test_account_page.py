from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.coach.services.profiles import update_profile

pytestmark = pytest.mark.django_db

URL = "/accounts/"


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_it_links_to_profile_export_and_delete(owner_client: Client) -> None:
    body = owner_client.get(URL).content.decode()
    assert 'href="/profile/"' in body
    assert 'href="/accounts/export/"' in body
    assert 'href="/accounts/delete/"' in body
    assert 'href="/accounts/password_change/"' in body
    assert "alice@example.com" in body


def test_it_says_when_there_is_no_profile_yet(owner_client: Client) -> None:
    body = owner_client.get(URL).content.decode()
    assert "You have not told us where it hurts" in body


def test_it_summarises_the_profile(owner_client: Client, owner: User) -> None:
    update_profile(
        user=owner,
        changes={
            "areas": ["upper-back", "hips"],
            "rollers": ["medium"],
            "minutes": 15,
            "conditions": ["osteoporosis"],
        },
    )
    body = owner_client.get(URL).content.decode()
    assert "upper back, hips" in body
    assert "medium" in body
    assert "15" in body
    assert "Osteoporosis" in body


def test_it_counts_only_the_owners_data(
    owner_client: Client, owner: User, outsider: User, fill_history: Callable[[User, int], None]
) -> None:
    fill_history(outsider, 6)
    body = owner_client.get(URL).content.decode()
    assert "Sessions: 0" in body
    assert "Pain ratings: 0" in body
    assert "mallory" not in body
    fill_history(owner, 5)
    body = owner_client.get(URL).content.decode()
    assert "Sessions: 1" in body
    assert "Pain ratings: 2" in body
    assert "Comments: 1" in body


def test_it_names_a_moderator(moderator_client: Client) -> None:
    assert "You are a moderator" in moderator_client.get(URL).content.decode()


def test_it_refuses_post(owner_client: Client) -> None:
    assert owner_client.post(URL).status_code == 405
