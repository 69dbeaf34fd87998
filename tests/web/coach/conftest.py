from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.services.screening import take_red_flag_screen, take_start_back

# One red-flag question for each level the screen can give.
YES_FOR_LEVEL = {"EMERGENCY": "E2", "URGENT": "U1", "SEE-CLINICIAN": "G1"}

LOW_START_BACK: dict[str, object] = {f"SB{n}": False for n in range(1, 9)} | {"SB9": "slightly"}


@pytest.fixture
def screen_as() -> Callable[[User, str], None]:
    """Takes the red-flag screen for a user with the answers that give `level`."""

    def take(user: User, level: str = "PROCEED") -> None:
        answers = {q.id: q.id == YES_FOR_LEVEL.get(level) for q in load_red_flags()}
        take_red_flag_screen(user=user, answers=answers, now=timezone.now())

    return take


@pytest.fixture
def start_back_taken() -> Callable[[User], None]:
    def take(user: User) -> None:
        take_start_back(user=user, answers=LOW_START_BACK, now=timezone.now())

    return take
