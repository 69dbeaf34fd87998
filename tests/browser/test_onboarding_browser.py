import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from rollcoach.content.screens import load_red_flags

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 780}


def check_sizes(page: Page, name: str) -> None:
    """Fits a phone without sideways scrolling; screenshots both sizes when asked to."""
    folder = os.environ.get("SCREENSHOT_DIR")
    for label, size in (("360", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {label}px"
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)


def signed_in_page(browser: Browser, login_as: Callable[[Any, User], None], user: User) -> Page:
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, user)
    return context.new_page()


def test_it_takes_a_new_person_from_start_to_a_plan(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    owner: User,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    page = signed_in_page(browser, login_as, owner)
    page.goto(f"{live_server.url}/start/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Let's get you started safely")
    axe_check(page)
    page.get_by_role("link", name="Begin with the safety questions").click()

    expect(page).to_have_url(f"{live_server.url}/start/screen/")
    axe_check(page)
    check_sizes(page, "screen")
    for radio in page.locator('input[type=radio][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="See my result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your result: you can start")
    axe_check(page)
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/start/back/")
    axe_check(page)
    expect(page.get_by_text("© Keele University")).to_be_visible()
    for radio in page.locator('input[type=radio][value="disagree"]').all():
        radio.check()
    page.locator('input[name="SB9"][value="slightly"]').check()
    page.get_by_role("button", name="See my result").click()

    expect(page.get_by_role("heading", name="Low risk group")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Continue: about you").click()

    expect(page).to_have_url(f"{live_server.url}/profile/")
    axe_check(page)
    upper_back = page.get_by_role("checkbox", name="Upper back", exact=True)
    expect(upper_back).not_to_be_checked()
    page.locator('[data-area="upper-back"]').click()
    expect(upper_back).to_be_checked()
    page.locator('[data-area="hips"]').click()
    page.locator('[data-area="mid-back"]').click()
    page.locator('[data-area="mid-back"]').click()  # a second click takes it off again
    expect(page.get_by_role("checkbox", name="Hips and buttocks", exact=True)).to_be_checked()
    expect(page.get_by_role("checkbox", name="Middle back", exact=True)).not_to_be_checked()
    page.get_by_role("checkbox", name="A soft roller").check()
    check_sizes(page, "profile")
    page.get_by_role("button", name="Save and see my plan").click()

    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="Your next session", exact=False)).to_be_visible()
    expect(page.locator(".exercises > li").first).to_be_visible()
    start = page.get_by_role("link", name="Start session")
    expect(start).to_have_count(1)
    expect(start).to_have_attribute("href", "/session/check/")
    axe_check(page)
    check_sizes(page, "today")
    page.context.close()


def test_it_blocks_with_emergency_guidance_after_a_red_flag(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    outsider: User,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    page = signed_in_page(browser, login_as, outsider)
    page.goto(f"{live_server.url}/start/screen/")
    axe_check(page)
    for question in load_red_flags():
        answer = "yes" if question.id == "E2" else "no"
        page.locator(f'input[name="{question.id}"][value="{answer}"]').check()
    page.get_by_role("button", name="See my result").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Get medical help now")
    expect(alert).to_contain_text("emergency department")
    expect(page.get_by_text("This is not a diagnosis")).to_be_visible()
    expect(page.get_by_role("link", name="Take the safety questions again")).to_be_visible()
    axe_check(page)
    check_sizes(page, "stop")

    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("alert")).to_contain_text("emergency department")
    expect(page.get_by_role("link", name="Start session")).to_have_count(0)
    axe_check(page)

    page.goto(f"{live_server.url}/session/check/")
    expect(page).to_have_url(f"{live_server.url}/today/")
    page.context.close()


def test_it_checks_before_each_session_and_pauses_on_a_change(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    ready_owner: User,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    page = signed_in_page(browser, login_as, ready_owner)
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name="Start session").click()

    expect(page).to_have_url(f"{live_server.url}/session/check/")
    axe_check(page)
    check_sizes(page, "check")
    for radio in page.locator('input[type=radio][value="no"]').all():
        radio.check()
    page.locator('input[name="PS6"][value="yes"]').check()
    page.get_by_role("button", name="Continue to the session").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your programme is paused")
    axe_check(page)
    page.get_by_role("link", name="A clinician has reviewed me: record what they said").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a clinician’s review")
    axe_check(page)
    page.get_by_label("When were you seen?").fill("2026-11-30")
    page.get_by_label("Who saw you?").fill("The practice nurse")
    page.get_by_label("What did they tell you?").fill("Fine to go ahead gently.")
    page.get_by_label("They said I can go ahead").check()
    page.get_by_role("button", name="Record the review").click()

    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_role("status")).to_contain_text("Recorded: The practice nurse saw you on")
    expect(page.get_by_role("link", name="Start session")).to_have_count(1)
    axe_check(page)
    page.context.close()
