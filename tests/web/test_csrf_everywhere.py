"""Every form and JSON endpoint that changes something refuses a request without a CSRF token."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import rollcoach.web

ANONYMOUS_POSTS = ["/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"]
PERSON_POSTS = [
    "/accounts/logout/",
    "/accounts/delete/",
    "/accounts/password_change/",
    "/profile/",
    "/start/screen/",
    "/start/back/",
    "/session/check/",
    "/clearance/",
    "/progress/log/",
    "/articles/foam-rolling-safe-start/comments/",
    "/api/sessions/sync/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ANONYMOUS_POSTS)
def test_it_refuses_anonymous_forms_without_a_token(url: str) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(url, {"username": "x", "password": "y"}).status_code == 403


@pytest.mark.parametrize("url", PERSON_POSTS)
def test_it_refuses_a_signed_in_persons_post_without_a_token(ready_owner: User, url: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(ready_owner)
    assert client.post(url, {"body": "hello", "password": "x"}).status_code == 403
    assert User.objects.filter(pk=ready_owner.pk).exists()


def test_it_refuses_moderation_without_a_token(moderator: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post("/moderation/", {"action": "approve"}).status_code == 403


def test_it_puts_a_token_in_every_post_form() -> None:
    root = Path(rollcoach.web.__file__).parent
    missing = []
    for template in root.rglob("*.html"):
        text = template.read_text()
        for form in re.findall(r"<form[^>]*>.*?</form>", text, flags=re.S | re.I):
            if re.search(r"method=\"?post", form, re.I) and "{% csrf_token %}" not in form:
                missing.append(str(template.relative_to(root)))
    assert not missing, f"POST forms without a CSRF token: {missing}"
