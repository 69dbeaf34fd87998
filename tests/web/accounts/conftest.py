from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.content.screens import load_red_flags
from rollcoach.web.accounts.services import update_profile
from rollcoach.web.community.models import Comment
from rollcoach.web.programme.services import plan_for_today, take_red_flag_screen
from rollcoach.web.tracking.models import SessionEvent
from rollcoach.web.tracking.records import record_measures
from rollcoach.web.tracking.services import finish_session, start_session


def _fill(user: User, pain: int) -> None:
    """One row of every kind a person can own, tagged with their username."""
    now = timezone.now()
    take_red_flag_screen(user, {q.id: False for q in load_red_flags()}, now)
    update_profile(user, {"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10})
    plan = plan_for_today(user, now)
    log = start_session(user, plan, client_id=f"{user.username}-1", pain_before=pain, now=now)
    SessionEvent.objects.create(
        log=log, kind="step-finished", step_index=0, at=now, detail=f"{user.username} event"
    )
    finish_session(log, status="completed", pain_after=pain - 1, seconds_active=300, now=now)
    record_measures(
        user, now, weekly=pain, limit=pain, mobility="thoracic-rotation", value=40, right=45
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
