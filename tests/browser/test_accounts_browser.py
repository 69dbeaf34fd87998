from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PASSWORD = "slow-rolls-every-morning"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The real hasher is slow on purpose; this test checks the pages, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def save_screenshot(page: Page, name: str) -> None:
    """Keeps a picture for people to look at when SCREENSHOT_DIR is set; it checks nothing."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_it_signs_up_logs_out_and_logs_in(
    page: Page,
    live_server: Any,
    transactional_db: None,
    fresh_rate_limits: None,
    axe_check: Callable[[Page], None],
) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    axe_check(page)
    assert _fits(page)
    save_screenshot(page, "signup-360x780")
    page.set_viewport_size({"width": 1280, "height": 800})
    save_screenshot(page, "signup-1280x800")

    page.get_by_label("Username").fill("bea")
    page.get_by_label("Email").fill("bea@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill("a-different-one")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()
    axe_check(page)
    assert not User.objects.filter(username="bea").exists()

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{live_server.url}/start/")
    assert User.objects.get(username="bea").email == "bea@example.com"

    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/accounts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("link", name="Download all your data (JSON)")).to_be_visible()
    axe_check(page)
    assert _fits(page)
    save_screenshot(page, "account-360x780")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out")).to_be_visible()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("bea")
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    axe_check(page)
    assert _fits(page)

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # Where a logged-in person lands depends on how far onboarding went: anywhere but here.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/accounts/")
    expect(page.get_by_text("Logged in as")).to_contain_text("bea")


def test_the_delete_page_is_accessible(
    page: Page,
    context: Any,
    live_server: Any,
    transactional_db: None,
    owner: User,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    login_as(context, owner)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/accounts/delete/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    axe_check(page)
    assert _fits(page)
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account and data").click()
    expect(page.get_by_text("nothing was deleted")).to_be_visible()
    axe_check(page)
    save_screenshot(page, "delete-error-360x780")
    assert User.objects.filter(pk=owner.pk).exists()
