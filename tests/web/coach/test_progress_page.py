from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.coach.models import MobilityCheck, PainRating, Plan, SessionLog

pytestmark = pytest.mark.django_db
ids = count()


def session(user: User, weeks_ago: int, before: int, after: int, completed: bool = True) -> None:
    SessionLog.objects.create(
        user=user,
        client_id=f"progress-page-{next(ids)}",
        status="completed" if completed else "stopped",
        started_at=timezone.now() - timedelta(weeks=weeks_ago),
        pain_before=before,
        pain_after=after,
        timeline={},
    )


def history(user: User) -> None:
    today = timezone.localdate()
    for weeks_ago, weekly in ((3, 7), (2, 6), (1, 5), (0, 4)):
        day = today - timedelta(weeks=weeks_ago)
        PainRating.objects.create(user=user, kind=PainRating.Kind.WEEKLY, value=weekly, day=day)
        session(user, weeks_ago, before=weekly, after=weekly - 2)
    PainRating.objects.create(user=user, kind=PainRating.Kind.LIMIT, value=6, day=today)
    for weeks_ago, left, right in ((3, 38, 44), (0, 47, 46)):
        MobilityCheck.objects.create(
            user=user,
            test="thoracic-rotation",
            value=left,
            right=right,
            day=today - timedelta(weeks=weeks_ago),
        )


def test_it_sends_a_visitor_to_log_in(client: Client) -> None:
    response = client.get("/progress/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/progress/"


def test_it_states_what_the_scores_say(owner_client: Client, owner: User) -> None:
    history(owner)
    response = owner_client.get("/progress/")
    assert response.status_code == 200
    page = response.content.decode()
    for statement in (
        "Your average pain fell 3 points since you started: a change that matters.",
        "Straight after a session your pain was on average 2 points lower (4 sessions).",
        "How much pain limited your day: 6 out of 10 so far.",
        "Left from 38 to 47 degrees, 9 better; right from 44 to 46 degrees (2 better). A real "
        "change on the left",
    ):
        assert statement in page
    assert "In the last 3 full weeks you did 3 of the 9 planned sessions (3 a week)" in page


def test_it_draws_each_chart_with_a_text_alternative(owner_client: Client, owner: User) -> None:
    history(owner)
    page = owner_client.get("/progress/").content.decode()
    for chart in ("weekly", "sessions", "adherence", "mobility-thoracic-rotation"):
        assert f'aria-labelledby="{chart}-svg-title {chart}-svg-desc"' in page
        assert f'<title id="{chart}-svg-title">' in page
        assert f'<desc id="{chart}-svg-desc">' in page
    assert page.count("<table>") == 4
    assert page.count("<svg") == 4


def test_it_shows_an_outsider_only_their_own_empty_progress(
    outsider_client: Client, owner: User
) -> None:
    history(owner)
    response = outsider_client.get("/progress/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No pain scores yet." in page
    assert "No self-tests yet." in page
    assert "No completed sessions yet." in page
    assert "<svg" not in page and "<table>" not in page
    for owners_number in ("fell 3 points", "38 to 47", "4 sessions", "6 out of 10"):
        assert owners_number not in page


def test_it_says_what_to_do_next_when_empty(owner_client: Client) -> None:
    page = owner_client.get("/progress/").content.decode()
    assert "Log a few more weeks to see a trend." in page
    assert 'href="#log">Log your average pain this week</a>' in page
    assert "Rate your pain before and after a session" in page
    assert 'href="/today/">Go to today’s session</a>' in page


def test_it_asks_for_more_weeks_with_only_one(owner_client: Client, owner: User) -> None:
    PainRating.objects.create(
        user=owner, kind=PainRating.Kind.WEEKLY, value=5, day=timezone.localdate()
    )
    page = owner_client.get("/progress/").content.decode()
    assert "You started at 5 out of 10. Log a few more weeks to see a trend." in page


def test_it_counts_only_completed_sessions_against_the_plan(
    owner_client: Client, owner: User
) -> None:
    session(owner, 0, 5, 4)
    session(owner, 0, 5, 4, completed=False)
    page = owner_client.get("/progress/").content.decode()
    assert "This week so far: 1 of 3." in page


def test_it_offers_both_forms_with_instructions(owner_client: Client) -> None:
    page = owner_client.get("/progress/").content.decode()
    assert page.count('action="/progress/log/"') == 2
    assert "csrfmiddlewaretoken" in page
    assert "compass app" in page and "middle finger" in page


def test_it_accepts_only_reading(owner_client: Client) -> None:
    assert owner_client.post("/progress/").status_code == 405


def test_it_measures_past_weeks_against_the_aim_of_their_time(
    owner_client: Client, owner: User
) -> None:
    # Two weeks ago the plan aimed at 2 sessions a week; today's profile says 3.
    Plan.objects.create(
        user=owner,
        day=timezone.localdate() - timedelta(weeks=2),
        data={"timeline": {"steps": []}},
        total_seconds=0,
        days_per_week=2,
    )
    session(owner, 2, 5, 4)
    session(owner, 1, 5, 4)
    page = owner_client.get("/progress/").content.decode()
    assert "you did 2 of the 4 planned sessions (2 a week)" in page
    assert "This week so far: 0 of 3." in page
