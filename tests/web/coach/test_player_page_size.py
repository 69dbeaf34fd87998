"""The player page of a person with two years of daily sessions is the size of a new person's."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.content.screens import load_pre_session, load_red_flags
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_pre_session_check, take_red_flag_screen
from session_support import live_for

pytestmark = pytest.mark.django_db

YEARS_OF_DAYS = 730
# The page carries today's timeline and the player's words, never the history: about 20 kB for
# a new person and 17 kB after two years (a later stage, with fewer steps).
PAGE_BYTES = 40_000


def ready(user: User) -> User:
    """Screened and profiled as the ready_owner fixture is: a plan can be made."""
    take_red_flag_screen(
        user=user, answers={q.id: False for q in load_red_flags()}, now=timezone.now()
    )
    update_profile(
        user=user,
        changes={"areas": ["upper-back", "lower-back"], "rollers": ["soft"], "minutes": 10},
    )
    return user


def player_page(user: User) -> bytes:
    take_pre_session_check(
        user=user, answers={q.id: False for q in load_pre_session()}, now=timezone.now()
    )
    client = Client()
    client.force_login(user)
    response = client.get("/session/")
    assert response.status_code == 200
    return response.content


def test_it_serves_a_person_with_two_years_of_sessions_a_page_the_size_of_a_new_ones(
    ready_owner: User, django_user_model: type[User]
) -> None:
    nina = ready(django_user_model.objects.create_user("nina", "nina@example.com"))
    new = player_page(nina)
    live_for(ready_owner, YEARS_OF_DAYS)
    heavy = player_page(ready_owner)
    assert len(new) < PAGE_BYTES and len(heavy) < PAGE_BYTES, (len(new), len(heavy))
    assert len(heavy) < 1.5 * len(new), (len(new), len(heavy))
    assert b"heavy-00001" not in heavy  # no past session rides along
