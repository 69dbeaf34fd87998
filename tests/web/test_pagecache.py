from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.utils import timezone

from rollcoach.web import pagecache
from rollcoach.web.tracking.models import PainRating


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/accounts/")  # sets the CSRF cookie, as any first visit does
    return client


def test_it_serves_a_persons_page_from_the_cache_until_their_data_changes(
    ready_owner: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = _signed_in(ready_owner)
    assert "X-Page-Cache" not in client.get("/progress/").headers
    assert client.get("/progress/").headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction never commits
        PainRating.objects.create(
            user=ready_owner, kind="weekly", value=9, day=timezone.localdate()
        )
    fresh = client.get("/progress/")
    assert "X-Page-Cache" not in fresh.headers
    assert "9" in fresh.content.decode()


def test_it_never_serves_one_persons_page_to_another(ready_owner: User, outsider: User) -> None:
    owner = _signed_in(ready_owner)
    other = _signed_in(outsider)
    owner.get("/today/")
    owner.get("/today/")
    page = other.get("/today/", follow=True)
    assert "X-Page-Cache" not in page.headers


def test_it_keeps_each_browsers_own_csrf_token(ready_owner: User) -> None:
    first = _signed_in(ready_owner)
    second = _signed_in(ready_owner)
    first.get("/progress/")
    first.get("/progress/")
    page = second.get("/progress/")
    assert "X-Page-Cache" not in page.headers
    assert page.status_code == 200


def test_it_shows_a_flash_message_instead_of_a_cached_page(ready_owner: User) -> None:
    client = _signed_in(ready_owner)
    client.get("/progress/")
    saved = client.post("/progress/log/", {"form": "pain", "pain-weekly": "4"}, follow=True)
    assert "Saved" in saved.content.decode()


def test_it_caches_public_pages_for_visitors_only(ready_owner: User) -> None:
    visitor = Client()
    visitor.get("/exercises/")
    assert visitor.get("/exercises/").headers["X-Page-Cache"] == "hit"
    member = _signed_in(ready_owner)
    assert "X-Page-Cache" not in member.get("/exercises/").headers
    assert "Log out" in member.get("/exercises/").content.decode()


def test_it_moves_a_persons_version_only_once_their_change_is_committed(
    ready_owner: User, django_capture_on_commit_callbacks: Any
) -> None:
    # A page made from the old rows before the commit must not be cached under the new version.
    before = pagecache.person_version(ready_owner.pk)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        PainRating.objects.create(
            user=ready_owner, kind="weekly", value=3, day=timezone.localdate()
        )
        assert pagecache.person_version(ready_owner.pk) == before
    assert pagecache.person_version(ready_owner.pk) == before + 1


def test_it_keeps_a_persons_version_when_their_change_is_rolled_back(ready_owner: User) -> None:
    before = pagecache.person_version(ready_owner.pk)
    try:
        with transaction.atomic():
            PainRating.objects.create(
                user=ready_owner, kind="weekly", value=3, day=timezone.localdate()
            )
            raise RuntimeError("the request failed halfway")
    except RuntimeError:
        pass
    assert pagecache.person_version(ready_owner.pk) == before


def test_it_keeps_a_committed_change_when_the_version_cannot_move(
    ready_owner: User, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    def unreachable(owner: int) -> None:
        raise ConnectionError("the shared cache is down")

    monkeypatch.setattr(pagecache, "bump", unreachable)
    client = _signed_in(ready_owner)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        saved = client.post("/progress/log/", {"form": "pain", "pain-weekly": "4"})
    assert callbacks  # the version was to move after the commit, and could not
    assert saved.status_code == 302
    assert PainRating.objects.filter(user=ready_owner, value=4).exists()
