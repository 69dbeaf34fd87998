"""Four weeks of a person's programme, day by day through the web: the plan on the today page,
the sessions uploaded by the player, and what the plan says and does after each."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.models import Plan
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_red_flag_screen, take_start_back
from session_support import events, finished, payload

MONDAY = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
LOW_RISK: dict[str, object] = {f"SB{n}": False for n in range(1, 9)} | {"SB9": "slightly"}


@dataclass(frozen=True)
class Day:
    """What the plan shows that morning, then what the person does that day (if anything)."""

    stage: int
    firmer_offered: bool = False
    paused: bool = False
    easier: bool = False
    session: tuple[int, int] | None = None  # pain before and after a finished session
    sharp_pain: bool = False


GOOD = (5, 4)
FLARE = (3, 6)
# Mon, Wed and Fri sessions; the stage takes 3 good days and a week (planning/pace.py).
DAYS = [
    Day(0, session=GOOD),  # Mon 2: the first session
    Day(0),
    Day(0, session=GOOD),
    Day(0),
    Day(0, session=GOOD),  # three good days, but not yet a week at stage 0
    Day(0),
    Day(0),
    Day(0, session=GOOD),  # Mon 9: a week and four good days: stage 1 from tomorrow
    Day(1),
    Day(1, session=GOOD),
    Day(1),
    Day(1, session=GOOD),
    Day(1),
    Day(1),
    Day(1, session=GOOD),  # Mon 16: a week at stage 1 and three good days: stage 2
    Day(2, firmer_offered=True),  # a firmer roller is offered, never required
    Day(2, firmer_offered=True, session=FLARE),  # Wed 18: pain rose by 3
    Day(1, easier=True),  # one flare: a step down, easier versions
    Day(1, easier=True, session=(3, 3), sharp_pain=True),  # Fri 20: a sharp-pain stop
    Day(0, paused=True),  # two flares in a row: rolling paused, gentle movement
    Day(0, paused=True),
    Day(0, paused=True, session=(4, 4)),  # Mon 23: a gentle session that settles
    Day(0),  # the pause lifts
    Day(0, session=GOOD),
    Day(0),
    Day(0, session=GOOD),  # Fri 27: three good days and a week since the sharp-pain stop
    Day(1),
    Day(1),
]


def upload(plan: Plan, day: Day, moment: datetime, number: int) -> dict[str, Any]:
    assert day.session is not None
    before, after = day.session
    client_id = f"four-weeks-session-{number:02d}"
    if not day.sharp_pain:
        body = finished(plan, start=moment, client_id=client_id, pain_before=before)
        return body | {"pain_after": after}
    steps = plan.timeline["steps"]
    assert isinstance(steps, list)
    return payload(
        plan,
        client_id=client_id,
        revision=9,
        status="stopped-sharp-pain",
        index=3,
        remaining=0,
        pain_before=before,
        pain_after=after,
        started_at=moment.isoformat(),
        events=events(3, end="sharp-pain", start=moment),
    )


@pytest.mark.django_db
def test_four_weeks_of_sessions_build_up_step_back_pause_and_come_back(
    owner: User, owner_client: Client
) -> None:
    with time_machine.travel(MONDAY - timedelta(days=1), tick=False):
        take_red_flag_screen(
            user=owner, answers={q.id: False for q in load_red_flags()}, now=MONDAY
        )
        take_start_back(user=owner, answers=LOW_RISK, now=MONDAY)
        update_profile(
            user=owner,
            changes={"areas": ["upper-back", "mid-back"], "rollers": ["soft", "firm"]},
        )
    for number, day in enumerate(DAYS):
        morning = MONDAY + timedelta(days=number)
        with time_machine.travel(morning, tick=False):
            page = owner_client.get("/today/")
            assert page.status_code == 200, morning
            body = page.content.decode()
            plan = Plan.objects.get(user=owner, day=morning.date())
            data = plan.data
            kinds = [item["exercise"] for item in data["items"]]
            where = f"day {number} ({morning:%a %d %b})"
            assert plan.stage == day.stage, where
            assert ("Stage " in body) is (day.stage > 0), where
            assert ("You may try your firmer roller" in body) is day.firmer_offered, where
            assert data["rolling_paused"] is day.paused, where
            assert ("Rolling is paused: today is gentle movement only" in body) is day.paused
            if day.paused:
                assert all(item["density"] is None for item in data["items"]), where
            elif not day.easier:
                assert any(item["density"] for item in data["items"]), where
            assert ("uses easier versions" in body) is day.easier, where
            assert f"Walk for about {data['walking_minutes']} minutes today" in body
            assert kinds, where
            if day.session is not None:
                later = morning + timedelta(hours=1)
                sent = upload(plan, day, later, number)
                response = owner_client.post(
                    "/api/sessions/sync/", json.dumps(sent), content_type="application/json"
                )
                assert response.status_code == 200, (where, response.content)
