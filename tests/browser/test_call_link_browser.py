from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import screenshots
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.services.profiles import update_profile

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}


@pytest.fixture(autouse=True)
def _close_contexts(browser: Browser) -> Iterator[None]:
    # Each open page holds a connection to the live server; close them before the database goes.
    yield
    for context in browser.contexts:
        context.close()


def stopped_page(
    browser: Browser, login_as: Callable[[Any, User], None], user: User, locale: str
) -> Page:
    """A phone-sized browser speaking `locale`, signed in as someone whose screen said EMERGENCY."""
    from django.utils import timezone

    from rollcoach.web.coach.services.screening import take_red_flag_screen

    answers = {q.id: q.id == "E2" for q in load_red_flags()}
    take_red_flag_screen(user=user, answers=answers, now=timezone.now())
    context = browser.new_context(viewport=PHONE, locale=locale)
    login_as(context, user)
    return context.new_page()


def visible_in_the_first_screen(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(selector) => {
              const box = document.querySelector(selector).getBoundingClientRect();
              return box.width > 0 && box.height > 0 && box.left >= 0
                && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
            }""",
            selector,
        )
    )


@pytest.mark.parametrize(("locale", "number"), [("en-GB", "999"), ("de-DE", "112")])
def test_it_shows_a_call_link_named_by_its_number_on_a_phone(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
    owner: User,
    locale: str,
    number: str,
) -> None:
    page = stopped_page(browser, login_as, owner, locale)
    page.goto(live_server.url + "/start/screen/result/")
    call = page.get_by_role("alert").get_by_role("link", name=f"Call {number}", exact=True)
    expect(call).to_be_visible()
    expect(call).to_have_accessible_name(f"Call {number}")
    expect(call).to_have_attribute("href", f"tel:{number}")
    assert visible_in_the_first_screen(page, f'a[href="tel:{number}"]')
    # A thumb-sized target (WCAG 2.5.5 asks for 44 by 44 CSS pixels).
    box = call.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe_check(page)
    screenshots(page, f"stop-call-{locale}")


def test_it_calls_the_profile_s_country_over_the_browser_s(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
    owner: User,
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "US"})
    page = stopped_page(browser, login_as, owner, "en-GB")
    page.goto(live_server.url + "/start/screen/result/")
    call = page.get_by_role("link", name="Call 911", exact=True)
    expect(call).to_be_visible()
    expect(call).to_have_attribute("href", "tel:911")
    expect(page.locator('a[href="tel:999"]')).to_have_count(0)
    page.get_by_role("link", name="your profile").click()
    expect(page.get_by_label("Your country")).to_have_value("US")
    axe_check(page)
