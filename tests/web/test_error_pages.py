"""With DEBUG off, a person meets rollcoach's own pages when something is missing, forbidden,
broken, or a form's CSRF check fails; never Django's pages for developers."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def password() -> str:
    return "roll-slowly-and-breathe-42"


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something went wrong in a view")


# The site's own URLs, and two views that fail on purpose (used with pytest.mark.urls).
urlpatterns = [
    path("test-forbidden/", _forbidden),
    path("test-broken/", _broken),
    path("", include("rollcoach.web.urls")),
]


def _rollcoachs(body: str) -> None:
    assert '<a class="brand" href="/">rollcoach</a>' in body
    for django_page in ("URLconf", "Django", "Traceback", "CSRF verification failed"):
        assert django_page not in body


def test_a_missing_page_is_rollcoachs(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    _rollcoachs(body)


def test_a_signed_in_person_gets_the_same_404_with_their_links(owner_client: Client) -> None:
    body = owner_client.get("/no-such-page/").content.decode()
    assert "Page not found" in body and 'href="/today/"' in body


def test_the_admins_403_is_rollcoachs(moderator_client: Client) -> None:
    response = moderator_client.get("/admin/coach/sessionlog/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You can't open this page" in body
    _rollcoachs(body)


@pytest.mark.urls(__name__)
def test_a_forbidden_page_is_rollcoachs(client: Client) -> None:
    response = client.get("/test-forbidden/")
    assert response.status_code == 403
    _rollcoachs(response.content.decode())


@pytest.mark.urls(__name__)
def test_a_broken_page_is_rollcoachs() -> None:
    response = Client(raise_request_exception=False).get("/test-broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    _rollcoachs(body)


def test_a_bad_host_gets_rollcoachs_400(client: Client) -> None:
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    _rollcoachs(response.content.decode())


def test_a_form_that_fails_its_csrf_check_says_what_to_do(owner: object, password: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "alice", "password": "whatever"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "That form could not be sent" in body
    assert "reload the page" in body and "allow cookies" in body
    assert "For developers" not in body
    _rollcoachs(body)
    # Doing what the page says works: reload the form, send it again.
    form = client.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    data = {"username": "alice", "password": password, "csrfmiddlewaretoken": token.group(1)}
    assert client.post("/accounts/login/", data).status_code == 302


def test_developers_see_the_reason_while_debug_is_on(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    client = Client(enforce_csrf_checks=True)
    body = client.post("/accounts/login/", {}).content.decode()
    assert "That form could not be sent" in body
    assert "For developers (shown while DEBUG is on): CSRF cookie not set." in body
