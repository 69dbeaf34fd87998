from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from rollcoach.content.screens import load_pre_session
from rollcoach.web import pagecache
from rollcoach.web.accounts.deletion import delete_account
from rollcoach.web.coach.services.measures import record_measures
from rollcoach.web.coach.services.screening import take_pre_session_check

# A kept page is served with the session and the person read, and nothing else.
SIGNED_IN_QUERIES = 2


def _signed_in(client: Client) -> Client:
    """A browser that signed in through the form holds a CSRF cookie; force_login gives none."""
    user = client.get("/accounts/").wsgi_request.user
    assert isinstance(user, User)
    client.logout()
    client.get("/accounts/login/")
    client.force_login(user)
    assert "csrftoken" in client.cookies
    return client


def _visit(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response
    return response.content.decode()


def _checked(user: User) -> None:
    answers = {q.id: False for q in load_pre_session()}
    take_pre_session_check(user=user, answers=answers, now=timezone.now())


def test_it_serves_a_second_visit_without_planning_again(
    ready_owner: User, owner_client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    first = _visit(_signed_in(owner_client), "/today/")
    with django_assert_max_num_queries(SIGNED_IN_QUERIES):
        again = _visit(owner_client, "/today/")
    assert again == first


def test_it_shows_a_change_at_once(ready_owner: User, owner_client: Client) -> None:
    _signed_in(owner_client)
    _visit(owner_client, "/progress/")
    assert "One week so far: 7 out of 10" not in _visit(owner_client, "/progress/")
    record_measures(user=ready_owner, now=timezone.localtime(), weekly=7)
    assert "One week so far: 7 out of 10" in _visit(owner_client, "/progress/")


def test_it_moves_the_version_again_after_the_commit(
    ready_owner: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _, version_key = pagecache._keys(ready_owner)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_measures(user=ready_owner, now=timezone.localtime(), weekly=3)
        during = cache.get(version_key)
    assert len(callbacks) == 1
    assert during is not None and cache.get(version_key) not in (None, during)


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_version_once_when_the_change_is_committed_already(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The recorder moves the version after its own transaction: nothing is left to wait for.
    person = User.objects.create_user("uploader")
    _, version_key = pagecache._keys(person)
    moves: list[str] = []
    keep = cache.set
    monkeypatch.setattr(cache, "set", lambda key, *a, **k: (moves.append(key), keep(key, *a, **k)))
    pagecache.changed(person)
    assert moves == [version_key]
    assert cache.get(version_key) is not None


def test_it_never_shows_one_person_s_page_to_another(
    ready_owner: User, owner_client: Client, outsider: User, outsider_client: Client
) -> None:
    _visit(_signed_in(owner_client), "/progress/")
    record_measures(user=ready_owner, now=timezone.localtime(), weekly=9)
    assert "One week so far: 9 out of 10" in _visit(owner_client, "/progress/")
    assert "One week so far: 9 out of 10" in _visit(owner_client, "/progress/")  # kept now
    # The outsider has no profile: the same address gives them their own page.
    assert "One week so far: 9 out of 10" not in outsider_client.get("/progress/").content.decode()


def test_it_keeps_each_browser_s_own_csrf_token(ready_owner: User, owner_client: Client) -> None:
    _visit(_signed_in(owner_client), "/progress/")
    other = Client()
    other.force_login(ready_owner)
    _visit(_signed_in(other), "/progress/")
    mine, theirs = _visit(owner_client, "/progress/"), _visit(other, "/progress/")
    token = 'name="csrfmiddlewaretoken" value="'
    assert mine.split(token, 1)[1][:64] != theirs.split(token, 1)[1][:64]


def test_it_keeps_no_page_that_carries_a_message(ready_owner: User, owner_client: Client) -> None:
    _visit(_signed_in(owner_client), "/progress/")
    response = owner_client.post("/progress/log/", {"form": "pain", "pain-weekly": "4"})
    assert response.status_code == 302
    assert "Saved" in _visit(owner_client, "/progress/")
    assert "Saved" not in _visit(owner_client, "/progress/")


def test_it_keeps_the_player_no_longer_than_the_check_lasts(
    ready_owner: User, owner_client: Client
) -> None:
    _checked(ready_owner)
    _signed_in(owner_client)
    with time_machine.travel(timezone.now() + timedelta(hours=11, minutes=57)) as traveller:
        _visit(owner_client, "/session/")  # kept for the three minutes the check has left
        traveller.shift(timedelta(minutes=4))
        response = owner_client.get("/session/")
    assert response.status_code == 302
    assert response["Location"].startswith("/session/check/")


def test_it_leaves_no_kept_page_after_the_account_is_deleted(
    ready_owner: User, owner_client: Client
) -> None:
    _visit(_signed_in(owner_client), "/today/")
    keys = pagecache._keys(ready_owner)
    assert cache.get(keys[0]) is not None
    delete_account(ready_owner)
    assert cache.get_many(list(keys)) == {}
