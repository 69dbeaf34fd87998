from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.contrib.auth.models import User

from rollcoach.catalog.model import Zone
from rollcoach.planning.planner import PlanBlocked, RestToday
from rollcoach.safety.precautions import restrictions_for
from rollcoach.safety.redflags import Level
from rollcoach.web.coach.models import Plan, Screening
from rollcoach.web.coach.selectors import (
    clearance_gate,
    governing_answers,
    latest_screening,
    profile_of,
    safety_level,
)
from rollcoach.web.coach.services.plans import plan_for_today

# At these levels nothing else matters until a doctor has seen the person.
STOP_LEVELS = frozenset({Level.EMERGENCY, Level.URGENT})


class Step(StrEnum):
    SCREEN = "screen"
    START_BACK = "start-back"
    PROFILE = "profile"
    DONE = "done"


@dataclass(frozen=True)
class Onboarding:
    screen_level: Level | None  # the latest full red-flag screen, None before the first
    start_back_done: bool
    profile_done: bool

    @property
    def stopped(self) -> bool:
        return self.screen_level in STOP_LEVELS

    @property
    def next_step(self) -> Step:
        if self.screen_level is None or self.stopped:
            return Step.SCREEN
        if not self.start_back_done:
            return Step.START_BACK
        if not self.profile_done:
            return Step.PROFILE
        return Step.DONE

    @property
    def done(self) -> bool:
        return self.screen_level is not None and self.start_back_done and self.profile_done


def onboarding_of(user: User) -> Onboarding:
    profile = profile_of(user)
    return Onboarding(
        # After a clinician's review, the answers it covers no longer stop the programme.
        screen_level=safety_level(user),
        start_back_done=latest_screening(user, Screening.Kind.START_BACK) is not None,
        profile_done=profile is not None and profile.is_complete,
    )


def clearance_pending(user: User) -> bool:
    """Whether the programme waits for a clinician's review the person can record: an URGENT or
    EMERGENCY answer since seen by a clinician, or something waiting for a go-ahead."""
    profile = profile_of(user)
    if governing_answers(user) is None:
        return False
    restrictions = restrictions_for(
        profile.conditions if profile else [],
        [Zone(z) for z in profile.avoid_zones] if profile else [],
    )
    found = clearance_gate(user, profile)
    # A blocking condition (a fracture) stays blocked whatever a review says.
    return not found.open and not (found.stop is None and restrictions.blocked)


class NextStep(StrEnum):
    STOP = "stop"  # emergency or urgent: get medical help, then take the screen again
    PROFILE = "profile"  # no profile yet, or no area marked
    CLEARANCE = "clearance"
    CHANGE_PROFILE = "change-profile"  # too few minutes, nothing suits, or rolling is ruled out
    REST = "rest"  # a sharp-pain stop today: nothing more until tomorrow


@dataclass(frozen=True)
class Blocked:
    reason: str
    next_step: NextStep
    level: Level | None
    clearance_pending: bool


def plan_or_blocked(user: User, now: datetime) -> Plan | Blocked:
    """Today's plan, or why there is none and what the person can do about it."""
    try:
        return plan_for_today(user=user, now=now)
    except RestToday as rest:
        return Blocked(str(rest), NextStep.REST, safety_level(user), False)
    except PlanBlocked as blocked:
        reason = str(blocked)
    level = safety_level(user)
    profile = profile_of(user)
    pending = clearance_pending(user)
    if level in STOP_LEVELS:
        step = NextStep.STOP
    elif profile is None or not profile.is_complete:
        step = NextStep.PROFILE
    elif pending:
        step = NextStep.CLEARANCE
    else:
        step = NextStep.CHANGE_PROFILE
    return Blocked(reason, step, level, pending)
