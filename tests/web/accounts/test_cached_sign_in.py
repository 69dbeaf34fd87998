"""A signed-in request reads its person from the cache; every change to them must still count."""

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rollcoach.web import pagecache


def _user_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/accounts/").status_code == 200
    return sum('FROM "auth_user"' in q["sql"] for q in captured.captured_queries)


def test_it_reads_a_signed_in_person_from_the_cache(owner_client: Client) -> None:
    _user_queries(owner_client)
    assert _user_queries(owner_client) == 0


def test_it_signs_out_everywhere_once_the_password_changes(owner: User, client: Client) -> None:
    client.force_login(owner)
    assert client.get("/accounts/").status_code == 200
    owner.set_password("a-brand-new-long-password-7")
    owner.save()
    assert client.get("/accounts/").status_code == 302


def test_it_turns_away_a_deactivated_person_at_once(owner: User, client: Client) -> None:
    client.force_login(owner)
    assert client.get("/accounts/").status_code == 200
    owner.is_active = False
    owner.save()
    assert client.get("/accounts/").status_code == 302


def test_it_turns_away_a_deleted_person_at_once(owner: User, client: Client) -> None:
    client.force_login(owner)
    assert client.get("/accounts/").status_code == 200
    owner.delete()
    assert client.get("/accounts/").status_code == 302


def test_it_brings_the_persons_data_version_with_them(owner_client: Client, owner: User) -> None:
    pagecache.bump(owner.pk)
    response = owner_client.get("/accounts/")
    assert response.wsgi_request.user.person_version == pagecache.person_version(owner.pk)  # type: ignore[union-attr]
