from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.services.measures import record_measures
from rollcoach.web.coach.services.plans import plan_for_today
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_red_flag_screen
from rollcoach.web.community.models import Comment
from session_support import finished, record


def _fill(user: User, pain: int) -> None:
    """One row of every kind a person can own, tagged with their username."""
    now = timezone.now()
    take_red_flag_screen(user=user, answers={q.id: False for q in load_red_flags()}, now=now)
    update_profile(user=user, changes={"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10})
    plan = plan_for_today(user=user, now=now)
    body = finished(plan, start=now, client_id=f"{user.username}-001", pain_before=pain)
    body["events"][0]["detail"] = f"{user.username} event"
    record(user, body | {"pain_after": pain - 1})
    record_measures(
        user=user,
        now=now,
        weekly=pain,
        limit=pain,
        mobility="thoracic-rotation",
        value=40,
        right=45,
    )
    Comment.objects.create(article="why-roll-slowly", author=user, body=f"{user.username} words")


@pytest.fixture
def fill_history() -> Callable[[User, int], None]:
    return _fill


@pytest.fixture
def password() -> str:
    """The password the shared user fixtures are created with."""
    return "roll-slowly-and-breathe-42"


@pytest.fixture
def both(
    owner: User, outsider: User, fill_history: Callable[[User, int], None]
) -> tuple[User, User]:
    """The owner and an outsider, each with a history, so leaks in either direction show."""
    fill_history(owner, 5)
    fill_history(outsider, 7)
    return owner, outsider
