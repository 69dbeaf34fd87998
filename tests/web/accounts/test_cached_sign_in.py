"""A signed-in request reads its person from the cache; every change to them must still count."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rollcoach.web import pagecache
from rollcoach.web.accounts import sessions
from rollcoach.web.accounts.sessions import SessionStore, signing_in


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


def test_it_reads_the_session_and_its_person_together(owner_client: Client, owner: User) -> None:
    owner_client.get("/accounts/")
    page = owner_client.get("/accounts/")
    assert page.wsgi_request.user == owner
    assert page.wsgi_request.session.person["pk"] == owner.pk  # type: ignore[attr-defined]
    assert signing_in.get() is None


def test_it_signs_nobody_in_with_a_session_ended_elsewhere(owner_client: Client) -> None:
    owner_client.get("/accounts/")
    key = owner_client.cookies[settings.SESSION_COOKIE_NAME].value
    SessionStore(key).delete()  # logging out on another device ends the same session
    assert owner_client.get("/accounts/").status_code == 302


def test_it_takes_the_session_not_the_remembered_owner_as_the_truth(
    owner_client: Client, owner: User, outsider: User
) -> None:
    owner_client.get("/accounts/")
    key = owner_client.cookies[settings.SESSION_COOKIE_NAME].value
    sessions._owners[key] = outsider.pk
    page = owner_client.get("/accounts/")
    assert page.wsgi_request.user == owner
    assert page.wsgi_request.session.person is None  # type: ignore[attr-defined]


def test_it_keeps_a_session_signed_in_that_names_djangos_own_backend(
    owner: User, client: Client
) -> None:
    # Sessions made before the cached backend existed must not sign their people out.
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(2):  # the first read comes from the database, the next from the cache
        page = client.get("/accounts/")
        assert page.status_code == 200
        assert page.wsgi_request.user == owner


def test_it_names_the_backend_it_signs_in_with_as_listed_in_settings() -> None:
    assert settings.AUTHENTICATION_BACKENDS == [sessions.BACKEND]
