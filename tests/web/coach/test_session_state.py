from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.coach.services.plans import plan_for_today
from session_support import record

URL = "/session/state/"


def start(user: User, client_id: str) -> int:
    plan = plan_for_today(user=user, now=timezone.now())
    at = timezone.now().isoformat()
    record(
        user,
        {
            "client_id": client_id,
            "plan_id": plan.pk,
            "revision": 2,
            "status": "paused",
            "index": 1,
            "remaining": 30,
            "active": 45,
            "outcomes": {"0": "done"},
            "pain_before": 6,
            "pain_after": None,
            "started_at": at,
            "events": [{"seq": 0, "kind": "started", "step_index": None, "at": at}],
        },
    )
    return plan.pk


def test_it_needs_a_login(client: Client) -> None:
    assert client.get(URL)["Location"] == f"/accounts/login/?next={URL}"


def test_it_returns_the_unfinished_session_of_today(
    ready_owner: User, owner_client: Client
) -> None:
    plan_id = start(ready_owner, "state-session-01")
    answer = owner_client.get(URL).json()
    assert answer["plan_id"] == plan_id
    assert answer["resume"]["client_id"] == "state-session-01"
    assert (answer["resume"]["index"], answer["resume"]["revision"]) == (1, 2)


def test_it_returns_the_session_of_a_named_plan(ready_owner: User, owner_client: Client) -> None:
    plan_id = start(ready_owner, "state-session-02")
    answer = owner_client.get(URL, {"plan": plan_id}).json()
    assert answer["resume"]["client_id"] == "state-session-02"


def test_it_returns_nothing_without_a_session(owner_client: Client) -> None:
    assert owner_client.get(URL).json() == {"plan_id": None, "resume": None}
    for bad in ("not-a-number", "9" * 40, "١٢"):
        assert owner_client.get(URL, {"plan": bad}).json()["resume"] is None


def test_it_never_returns_another_persons_session(
    ready_owner: User, outsider_client: Client
) -> None:
    plan_id = start(ready_owner, "state-session-03")
    answer = outsider_client.get(URL, {"plan": plan_id}).json()
    assert answer == {"plan_id": None, "resume": None}
    assert "state-session-03" not in str(outsider_client.get(URL).content)
