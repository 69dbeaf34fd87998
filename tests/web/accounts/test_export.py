from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.accounts.export import expand_export, export_user_data
from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog

pytestmark = pytest.mark.django_db

URL = "/accounts/export/"

# An export as version 1 wrote it, already in people's hands: every plan and session held its
# own copy of the timeline (cut here to one step, one event and no screenings).
VERSION_1 = """{"format": "rollcoach-export", "version": 1,
 "exported_at": "2026-05-04T09:30:00+00:00",
 "user": {"username": "alice", "email": "alice@example.com",
          "date_joined": "2026-05-01T08:00:00+00:00"},
 "profile": {"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10, "days_per_week": 3,
             "can_get_to_floor": true, "conditions": [], "avoid_zones": [],
             "updated_at": "2026-05-01T08:01:00+00:00"},
 "screenings": [],
 "plans": [{"day": "2026-05-04", "stage": 0, "total_seconds": 15, "days_per_week": 3,
            "created_at": "2026-05-04T09:00:00+00:00",
            "data": {"day": "2026-05-04", "stage": 0, "items": [], "notes": [],
                     "walking_minutes": 10, "rolling_paused": false, "purpose": "programme",
                     "timeline": {"steps": [{"index": 0, "kind": "get-ready", "seconds": 15,
                                             "title": "Get ready", "cue": "Sit tall."}],
                                  "total_seconds": 15},
                     "total_seconds": 15}}],
 "sessions": [{"id": 1, "client_id": "alice-001", "started_at": "2026-05-04T09:00:00+00:00",
               "finished_at": "2026-05-04T09:09:00+00:00", "status": "completed",
               "pain_before": 5, "pain_after": 4, "seconds_active": 15,
               "events": [{"kind": "started", "step_index": null, "exercise": "",
                           "at": "2026-05-04T09:00:00+00:00", "detail": ""}],
               "plan_day": "2026-05-04",
               "timeline": {"steps": [{"index": 0, "kind": "get-ready", "seconds": 15,
                                       "title": "Get ready", "cue": "Sit tall."}],
                            "total_seconds": 15},
               "state": {"version": 1, "steps": 1, "status": "completed", "index": 1}}],
 "pain_ratings": [], "mobility_checks": [], "comments": []}"""


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
    assert session["plan_id"] == data["plans"][0]["id"]
    assert data["timelines"][session["timeline"]]["steps"]
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


def test_it_writes_each_timeline_once_and_gives_each_back(both: tuple[User, User]) -> None:
    owner, _ = both
    data = export_user_data(owner)
    assert (data["format"], data["version"]) == ("rollcoach-export", 2)
    assert data["plans"][0]["timeline"] == data["sessions"][0]["timeline"] == 0
    # Today's plan changed after the session began: the session keeps the timeline it ran.
    plan = Plan.objects.get(user=owner)
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    plan.data = {**plan.data, "timeline": {**plan.timeline, "steps": steps[:2]}}
    plan.save()
    data = export_user_data(owner)
    assert len(data["timelines"]) == 2
    full = expand_export(data)
    assert full["plans"][0]["data"] == Plan.objects.get(user=owner).data
    assert full["sessions"][0]["timeline"] == SessionLog.objects.get(user=owner).timeline


def test_it_reads_an_export_of_version_1_as_it_is() -> None:
    old = json.loads(VERSION_1)
    assert expand_export(old) == old


def test_it_expands_version_2_into_every_field_version_1_had(both: tuple[User, User]) -> None:
    owner, _ = both
    old, new = json.loads(VERSION_1), expand_export(export_user_data(owner))
    assert new.keys() == old.keys()
    for part in ("plans", "sessions"):
        assert old[part][0].keys() <= new[part][0].keys()
    assert old["plans"][0]["data"].keys() <= new["plans"][0]["data"].keys()
    assert new["sessions"][0]["timeline"]["steps"]


@pytest.mark.parametrize(
    "data",
    [
        {"format": "something-else", "version": 1},
        {"format": "rollcoach-export"},
        {"format": "rollcoach-export", "version": 3},
    ],
)
def test_it_refuses_what_is_not_an_export_it_knows(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="not a rollcoach-export"):
        expand_export(data)


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
