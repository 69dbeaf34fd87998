"""Who may see and change personal data: the owner only, on every URL that holds some."""

import json
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.coach.models import MobilityCheck, PainRating, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.community.models import Comment

SECRET_NOTE = "alice private note xyzzy"
SECRET_SCORE = "73.7"


@dataclass
class Owned:
    plan: int
    log: int


@pytest.fixture
def owned(ready_owner: User) -> Owned:
    now = timezone.now()
    plan = plan_for_today(user=ready_owner, now=now)
    log = SessionLog.objects.create(
        user=ready_owner,
        plan=plan,
        client_id="alice-session",
        started_at=now,
        pain_before=7,
        timeline=plan.timeline,
    )
    PainRating.objects.create(user=ready_owner, kind="weekly", value=7, day=now.date())
    MobilityCheck.objects.create(
        user=ready_owner, test="thoracic-rotation", value=float(SECRET_SCORE), day=now.date()
    )
    Comment.objects.create(article="foam-rolling-safe-start", author=ready_owner, body=SECRET_NOTE)
    return Owned(plan=plan.pk, log=log.pk)


PERSONAL_PAGES = [
    "/today/",
    "/progress/",
    "/profile/",
    "/start/",
    "/accounts/",
    "/accounts/export/",
    "/accounts/delete/",
    "/session/check/",
    "/session/",
    "/session/state/",
    "/articles/foam-rolling-safe-start/",
    "/plans/{plan}/",
]


def _url(template: str, owned: Owned) -> str:
    return template.format(plan=owned.plan, log=owned.log)


def _assert_nothing_of_alice(content: bytes) -> None:
    text = content.decode(errors="replace")
    for secret in (SECRET_NOTE, SECRET_SCORE, "alice@example.com", "alice-session"):
        assert secret not in text


@pytest.mark.parametrize("page", PERSONAL_PAGES)
def test_it_sends_anonymous_visitors_to_log_in(client: Client, owned: Owned, page: str) -> None:
    response = client.get(_url(page, owned))
    if page.startswith("/articles/"):
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 401)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
    _assert_nothing_of_alice(response.content)


@pytest.mark.parametrize("role", ["outsider", "moderator"])
@pytest.mark.parametrize("page", PERSONAL_PAGES)
def test_it_shows_nobody_else_the_owners_data(
    request: pytest.FixtureRequest, owned: Owned, role: str, page: str
) -> None:
    other: Client = request.getfixturevalue(f"{role}_client")
    response = other.get(_url(page, owned), follow=True)
    if "{plan}" in page:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
    _assert_nothing_of_alice(response.content)


@pytest.mark.parametrize("page", PERSONAL_PAGES)
def test_it_serves_the_owner(owner_client: Client, owned: Owned, page: str) -> None:
    response = owner_client.get(_url(page, owned), follow=True)
    assert response.status_code == 200


def test_it_exports_the_owners_data_to_the_owner_only(
    owner_client: Client, outsider_client: Client, owned: Owned
) -> None:
    mine = owner_client.get("/accounts/export/")
    assert SECRET_NOTE in mine.content.decode() and SECRET_SCORE in mine.content.decode()
    _assert_nothing_of_alice(outsider_client.get("/accounts/export/").content)


@pytest.mark.parametrize("role", ["outsider", "moderator"])
@pytest.mark.parametrize("client_id", ["alice-session", "a-new-session"])
def test_it_refuses_to_record_a_session_on_someone_elses_plan(
    request: pytest.FixtureRequest, owned: Owned, role: str, client_id: str
) -> None:
    other: Client = request.getfixturevalue(f"{role}_client")
    payload = _finished(client_id, owned.plan)
    response = other.post("/api/sessions/sync/", json.dumps(payload), "application/json")
    assert response.status_code == 404
    assert SessionLog.objects.count() == 1
    log = SessionLog.objects.get(pk=owned.log)
    assert (log.status, log.pain_before, log.revision) == ("in-progress", 7, 0)


def _finished(client_id: str, plan: int) -> dict[str, object]:
    at = timezone.now().isoformat()
    return {
        "client_id": client_id,
        "plan_id": plan,
        "revision": 5,
        "status": "completed",
        "index": 0,
        "remaining": 0,
        "active": 60,
        "outcomes": {"0": "done"},
        "pain_before": 1,
        "pain_after": 1,
        "started_at": at,
        "events": [{"seq": 1, "kind": "completed", "step_index": None, "at": at}],
    }


def test_it_accepts_the_same_upload_from_the_owner(owner_client: Client, owned: Owned) -> None:
    payload = _finished("alice-session", owned.plan)
    response = owner_client.post("/api/sessions/sync/", json.dumps(payload), "application/json")
    assert response.status_code == 200
    assert SessionLog.objects.get(pk=owned.log).status == "completed"


def test_it_refuses_anonymous_uploads(client: Client, owned: Owned) -> None:
    payload = _finished("anonymous-session", owned.plan)
    response = client.post("/api/sessions/sync/", json.dumps(payload), "application/json")
    assert response.status_code in (302, 401, 403)
    assert SessionLog.objects.count() == 1


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/progress/log/", {"form": "pain", "pain-weekly": "3"}),
        ("/clearance/", {}),
        ("/accounts/delete/", {"password": "whatever"}),
        ("/articles/foam-rolling-safe-start/comments/", {"body": "hello"}),
        ("/moderation/", {"action": "approve"}),
    ],
)
def test_it_changes_nothing_for_anonymous_posts(
    client: Client, owned: Owned, url: str, data: dict[str, str]
) -> None:
    counts = (PainRating.objects.count(), Comment.objects.count(), User.objects.count())
    response = client.post(url, data)
    assert response.status_code in (302, 401, 403, 404, 405)
    assert (PainRating.objects.count(), Comment.objects.count(), User.objects.count()) == counts


def test_it_keeps_moderation_from_people_who_are_not_moderators(
    outsider_client: Client, owned: Owned
) -> None:
    comment = Comment.objects.get(body=SECRET_NOTE)
    response = outsider_client.post("/moderation/", {"action": "approve", "comments": [comment.pk]})
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_it_keeps_health_data_out_of_a_moderators_admin(
    moderator_client: Client, owned: Owned
) -> None:
    for model in ("coach/sessionlog", "coach/mobilitycheck", "accounts/profile"):
        response = moderator_client.get(f"/admin/{model}/")
        assert response.status_code in (302, 403, 404)
        _assert_nothing_of_alice(response.content)


def _kept_by_nobody(response: object) -> bool:
    directives = {d.strip() for d in str(response["Cache-Control"]).split(",")}  # type: ignore[index]
    return {"no-store", "no-cache", "private"} <= directives


@pytest.mark.parametrize("page", PERSONAL_PAGES)
def test_it_tells_browsers_to_keep_no_copy_of_personal_pages(
    owner_client: Client, owned: Owned, page: str
) -> None:
    response = owner_client.get(_url(page, owned))
    assert response.status_code in (200, 302)
    assert _kept_by_nobody(response), (page, response.get("Cache-Control"))


def test_it_tells_browsers_to_keep_no_copy_of_the_api(owner_client: Client, owned: Owned) -> None:
    payload = _finished("alice-session", owned.plan)
    response = owner_client.post("/api/sessions/sync/", json.dumps(payload), "application/json")
    assert response.status_code == 200
    assert _kept_by_nobody(response), response.get("Cache-Control")
    refused = owner_client.post("/api/sessions/sync/", "{", "application/json")
    assert refused.status_code == 400
    assert _kept_by_nobody(refused)


def test_it_leaves_public_responses_cacheable_when_signed_in(
    owner_client: Client, owned: Owned
) -> None:
    picture = owner_client.get("/exercises/thoracic-spine-release/picture.svg")
    assert picture.status_code == 200
    assert "no-store" not in picture["Cache-Control"]
