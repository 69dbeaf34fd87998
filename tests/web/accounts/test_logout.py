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
