from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rollcoach.web.accounts.deletion import delete_account
from rollcoach.web.coach.models import (
    MobilityCheck,
    PainRating,
    Plan,
    Profile,
    Screening,
    SessionEvent,
    SessionLog,
)
from rollcoach.web.community.models import Comment

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"
OWNED: list[tuple[type[models.Model], str]] = [
    (Profile, "user"),
    (Screening, "user"),
    (Plan, "user"),
    (SessionLog, "user"),
    (SessionEvent, "log__user"),
    (PainRating, "user"),
    (MobilityCheck, "user"),
    (Comment, "author"),
]


def _rows(username: str) -> dict[str, int]:
    return {
        model.__name__: model._default_manager.filter(**{f"{path}__username": username}).count()
        for model, path in OWNED
    }


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_explains_what_gets_deleted(owner_client: Client, both: tuple[User, User]) -> None:
    body = owner_client.get(URL).content.decode()
    assert "cannot be undone" in body
    assert "Sessions: 1" in body
    assert "Pain ratings: 2" in body
    assert 'name="password"' in body
    assert 'href="/accounts/export/"' in body


def test_it_keeps_everything_on_a_wrong_password(
    owner_client: Client, both: tuple[User, User]
) -> None:
    before = _rows("alice")
    response = owner_client.post(URL, {"password": "not-my-password"})
    assert response.status_code == 200
    assert "That password is not right, so nothing was deleted" in response.content.decode()
    assert User.objects.filter(username="alice").exists()
    assert _rows("alice") == before
    assert owner_client.get("/accounts/").status_code == 200


def test_it_keeps_everything_without_a_password(
    owner_client: Client, both: tuple[User, User]
) -> None:
    response = owner_client.post(URL, {})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert User.objects.filter(username="alice").exists()


def test_it_stops_checking_the_password_after_five_failures(
    owner_client: Client, both: tuple[User, User], password: str
) -> None:
    for n in range(5):
        response = owner_client.post(URL, {"password": "wrong-guess"}, REMOTE_ADDR=f"10.0.3.{n}")
        assert response.status_code == 200
    before = _rows("alice")
    response = owner_client.post(URL, {"password": password}, REMOTE_ADDR="10.0.3.99")
    assert response.status_code == 429
    assert "Too many attempts. Please wait a few minutes, then try again." in (
        response.content.decode()
    )
    assert User.objects.filter(username="alice").exists()
    assert _rows("alice") == before


def test_it_counts_failed_confirmations_per_address(
    owner_client: Client, both: tuple[User, User], password: str
) -> None:
    for n in range(5):
        other = Client()
        other.force_login(User.objects.create_user(f"person{n}", password="any-pass-12345"))
        for _ in range(4):
            assert other.post(URL, {"password": "wrong-guess"}).status_code == 200
    assert owner_client.post(URL, {"password": password}).status_code == 429
    assert User.objects.filter(username="alice").exists()
    assert owner_client.post(URL, {"password": password}, REMOTE_ADDR="10.0.4.1").status_code == 302
    assert not User.objects.filter(username="alice").exists()


def test_it_deletes_the_owner_and_all_their_rows(
    owner_client: Client, both: tuple[User, User], password: str
) -> None:
    assert all(count > 0 for count in _rows("alice").values())
    outsider_before = _rows("mallory")
    response = owner_client.post(URL, {"password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(username="alice").exists()
    assert all(count == 0 for count in _rows("alice").values())
    assert _rows("mallory") == outsider_before
    assert User.objects.filter(username="mallory").exists()


def test_it_logs_out_and_says_so(
    owner_client: Client, both: tuple[User, User], password: str
) -> None:
    response = owner_client.post(URL, {"password": password}, follow=True)
    assert "Your account and everything in it are deleted" in response.content.decode()
    assert "_auth_user_id" not in owner_client.session
    assert owner_client.get("/accounts/").status_code == 302


def test_delete_account_removes_only_that_user(both: tuple[User, User]) -> None:
    owner, _ = both
    outsider_before = _rows("mallory")
    events = SessionEvent.objects.filter(log__user=owner).count()
    removed = delete_account(owner)
    assert removed["auth.User"] == 1
    assert removed["coach.SessionEvent"] == events > 0
    assert removed["community.Comment"] == 1
    assert all(count == 0 for count in _rows("alice").values())
    assert _rows("mallory") == outsider_before


def test_deleting_a_moderator_keeps_the_comments_they_moderated(
    both: tuple[User, User], moderator: User
) -> None:
    comment = Comment.objects.get(author__username="mallory")
    comment.approve(moderator)
    delete_account(moderator)
    comment.refresh_from_db()
    assert comment.body == "mallory words"
    assert comment.moderated_by is None


def _sessions(user: User, events_each: int) -> None:
    logs = SessionLog.objects.bulk_create(
        SessionLog(
            user=user,
            client_id=f"{user.pk}-{n}-{events_each}",
            started_at=timezone.now(),
            timeline={},
        )
        for n in range(3)
    )
    SessionEvent.objects.bulk_create(
        SessionEvent(log=log, kind="step-started", at=log.started_at, seq=seq)
        for log in logs
        for seq in range(events_each)
    )


def test_it_deletes_a_long_history_without_a_query_per_event(
    django_user_model: type[User],
) -> None:
    # A year of sessions holds thousands of events: deleting must not visit them one by one.
    counts = []
    for events_each in (2, 40):
        person = django_user_model.objects.create(username=f"history-{events_each}")
        _sessions(person, events_each)
        with CaptureQueriesContext(connection) as captured:
            removed = delete_account(person)
        assert removed["coach.SessionEvent"] == 3 * events_each
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
