from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accounts/logout/"


def test_it_logs_out(owner_client: Client) -> None:
    response = owner_client.post(URL)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert owner_client.get("/accounts/").status_code == 302


def test_it_says_so(owner_client: Client) -> None:
    response = owner_client.post(URL, follow=True)
    assert "You are logged out" in response.content.decode()


def test_it_refuses_get(owner_client: Client) -> None:
    assert owner_client.get(URL).status_code == 405
    assert owner_client.get("/accounts/").status_code == 200


def test_it_needs_the_csrf_token(owner_client: Client) -> None:
    guarded = Client(enforce_csrf_checks=True)
    guarded.cookies = owner_client.cookies
    assert guarded.post(URL).status_code == 403
    assert guarded.get("/accounts/").status_code == 200
