from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from browser_support import screenshots
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from rollcoach.web.coach.models import MobilityCheck, PainRating, SessionLog

pytestmark = pytest.mark.browser


def a_few_weeks(user: User) -> None:
    now = timezone.now()
    pains = [(7, 6), (7, 5), (6, 5), (6, 4), (5, 4), (5, 5), (4, 3), (4, 2), (3, 3), (4, 2)]
    for i, (before, after) in enumerate(pains):
        SessionLog.objects.create(
            user=user,
            client_id=f"progress-browser-{i}",
            status="completed",
            started_at=now - timedelta(days=3 * (len(pains) - 1 - i)),
            pain_before=before,
            pain_after=after,
            timeline={},
        )
    today = timezone.localdate()
    for weeks_ago, weekly in ((4, 7), (3, 6), (1, 5), (0, 4)):
        day = today - timedelta(weeks=weeks_ago)
        PainRating.objects.create(user=user, kind=PainRating.Kind.WEEKLY, value=weekly, day=day)
    PainRating.objects.create(user=user, kind=PainRating.Kind.LIMIT, value=5, day=today)
    for weeks_ago, value in ((4, 22), (2, 17), (0, 11)):
        MobilityCheck.objects.create(
            user=user,
            test="fingertip-floor",
            value=value,
            day=today - timedelta(weeks=weeks_ago),
        )
    for weeks_ago, left, right in ((4, 38, 44), (2, 42, 45), (0, 47, 46)):
        MobilityCheck.objects.create(
            user=user,
            test="thoracic-rotation",
            value=left,
            right=right,
            day=today - timedelta(weeks=weeks_ago),
        )


def test_it_shows_the_charts_and_what_they_mean(
    page: Page,
    context: BrowserContext,
    live_server: Any,
    owner: User,
    login_as: Callable[[BrowserContext, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    a_few_weeks(owner)
    login_as(context, owner)
    page.goto(live_server.url + "/progress/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    expect(page.locator("#weekly .statement")).to_have_text(
        "Your average pain fell 3 points since you started: a change that matters."
    )
    for name in ("average pain each week", "before and after each session", "Completed sessions"):
        expect(page.get_by_role("img", name=name)).to_be_visible()
    expect(page.get_by_role("img", name="Fingertip-to-floor over time, in cm")).to_be_visible()
    expect(page.locator("#weekly .baseline")).to_have_count(1)
    expect(page.locator("#sessions circle.after")).to_have_count(10)
    page.get_by_text("Show the weeks as a table").first.click()
    expect(page.locator("#weekly table tbody tr")).to_have_count(5)
    expect(page.locator("#weekly circle.hollow")).to_have_count(1)
    axe_check(page)
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    screenshots(page, "progress")


def test_it_logs_pain_and_shows_it(
    page: Page,
    context: BrowserContext,
    live_server: Any,
    owner: User,
    login_as: Callable[[BrowserContext, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    login_as(context, owner)
    page.goto(live_server.url + "/progress/")
    expect(page.get_by_text("No pain scores yet.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Your average pain this week").fill("12")
    page.get_by_role("button", name="Save pain scores").click()
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    expect(page.locator(".field-error")).to_have_text("Enter a whole number from 0 to 10.")
    axe_check(page)
    screenshots(page, "progress-error")
    page.get_by_label("Your average pain this week").fill("5")
    page.get_by_role("button", name="Save pain scores").click()
    page.wait_for_url("**/progress/")
    expect(page.get_by_role("status")).to_contain_text("Saved. Average pain this week: 5")
    expect(page.locator("#weekly .statement")).to_have_text(
        "You started at 5 out of 10. Log a few more weeks to see a trend."
    )
    assert PainRating.objects.get(user=owner).value == 5
