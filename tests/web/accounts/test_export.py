from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.accounts.export import export_user_data
from rollcoach.web.coach.models import SessionEvent

pytestmark = pytest.mark.django_db

URL = "/accounts/export/"


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_returns_everything_of_the_owner(both: tuple[User, User]) -> None:
    owner, _ = both
    data = export_user_data(owner)
    assert data["user"]["username"] == "alice"
    assert data["user"]["email"] == "alice@example.com"
    assert data["user"]["date_joined"]
    assert data["profile"]["areas"] == ["upper-back"]
    assert [s["kind"] for s in data["screenings"]] == ["red-flags"]
    assert len(data["plans"]) == 1 and data["plans"][0]["data"]["items"]
    [session] = data["sessions"]
    assert session["client_id"] == "alice-001"
    assert session["pain_before"] == 5 and session["pain_after"] == 4
    assert session["timeline"]["steps"]
    assert session["events"][0]["detail"] == "alice event"
    assert len(session["events"]) == SessionEvent.objects.filter(log__user=owner).count()
    assert sorted(r["kind"] for r in data["pain_ratings"]) == ["limit", "weekly"]
    assert all(r["value"] == 5 for r in data["pain_ratings"])
    [check] = data["mobility_checks"]
    assert (check["test"], check["value"], check["right"]) == ("thoracic-rotation", 40, 45)
    [comment] = data["comments"]
    assert comment["article"] == "why-roll-slowly"
    assert comment["body"] == "alice words"
    assert comment["status"] == "pending"
    assert comment["created_at"]


def test_it_returns_nothing_of_anybody_else(both: tuple[User, User]) -> None:
    owner, _ = both
    text = json.dumps(export_user_data(owner))
    for trace in ("mallory", "mallory@example.com", "mallory-1", "mallory event", "mallory words"):
        assert trace not in text
    assert '"value": 7' not in text


def test_it_exports_a_new_account_with_nothing_stored(owner: User) -> None:
    data = export_user_data(owner)
    assert data["profile"] is None
    for key in ("screenings", "plans", "sessions", "pain_ratings", "mobility_checks", "comments"):
        assert data[key] == []


def test_it_downloads_a_json_attachment(owner_client: Client, both: tuple[User, User]) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="rollcoach-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["user"]["username"] == "alice"
    assert len(data["sessions"]) == 1
    assert "mallory" not in response.content.decode()


def test_it_gives_the_outsider_only_their_own(
    outsider_client: Client, both: tuple[User, User]
) -> None:
    data = json.loads(outsider_client.get(URL).content)
    assert data["user"]["username"] == "mallory"
    assert "alice" not in json.dumps(data)


def test_it_refuses_post(owner_client: Client) -> None:
    assert owner_client.post(URL).status_code == 405
