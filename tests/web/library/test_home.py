from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.loader import load_catalog

pytestmark = pytest.mark.django_db


def test_it_shows_the_four_core_techniques_with_pictures_and_doses(client: Client) -> None:
    page = client.get("/").content.decode()
    core = load_catalog().core()
    assert len(core) == 4
    for exercise in core:
        assert f'href="/exercises/{exercise.slug}/"' in page
        assert f'src="/exercises/{exercise.slug}/picture.svg"' in page
        assert exercise.name in page
        assert exercise.dose.describe() in page


def test_it_invites_a_visitor_to_sign_up(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/accounts/signup/">Sign up and start' in page
    assert "Go to today’s session" not in page


def test_it_sends_a_signed_in_person_to_today(owner_client: Client) -> None:
    page = owner_client.get("/").content.decode()
    assert 'href="/today/">Go to today’s session' in page
    assert "Sign up and start" not in page


def test_it_states_the_safety_principle(client: Client) -> None:
    page = client.get("/").content.decode()
    for line in (
        "A red-flag screen before anything else.",
        "Never on the lower back or the neck.",
        "Sharp pain means stop.",
    ):
        assert line in page


def test_it_says_how_rollcoach_is_different(client: Client) -> None:
    page = client.get("/").content.decode()
    for heading in ("Open safety rules", "Works offline", "Honest tracking", "Moderated comments"):
        assert f"<h3>{heading}</h3>" in page


def test_it_shows_nothing_personal_to_a_visitor(client: Client, owner: User) -> None:
    assert owner.username not in client.get("/").content.decode()


def test_it_keeps_the_page_for_visitors_only(client: Client, owner: User) -> None:
    first = client.get("/")
    assert "max-age=300" in first["Cache-Control"]
    signed_in = Client()
    signed_in.force_login(owner)
    page = signed_in.get("/")
    assert "no-store" in page["Cache-Control"]
    assert "Log out" in page.content.decode()
    assert "Log out" not in client.get("/").content.decode()
