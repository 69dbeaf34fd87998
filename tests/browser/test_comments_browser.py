from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from rollcoach.web.community.models import Comment

pytestmark = pytest.mark.browser

ARTICLE = "/articles/foam-rolling-safe-start/"
BODY = "Rolling slowly eased my upper back.\nThanks! <img src=x onerror=alert(1)>"
SIZES = {"phone": (360, 780), "desktop": (1280, 800)}


@pytest.fixture(autouse=True)
def _close_contexts(browser: Browser) -> Iterator[None]:
    # Each open page holds a connection to the live server; close them before the database goes.
    yield
    for context in browser.contexts:
        context.close()


def open_as(
    browser: Browser,
    login_as: Callable[[Any, User], None],
    user: User,
    dialogs: list[str] | None = None,
) -> Page:
    context = browser.new_context()
    login_as(context, user)
    page = context.new_page()
    if dialogs is not None:
        # A dialog would mean a comment's markup ran as code.
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_it_publishes_a_comment_only_after_a_moderator_approves_it(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
    owner: User,
    outsider: User,
    moderator: User,
) -> None:
    dialogs: list[str] = []
    author = open_as(browser, login_as, owner, dialogs)
    author.goto(live_server.url + ARTICLE)
    axe_check(author)
    author.get_by_label("Your comment").fill(BODY)
    author.get_by_role("button", name="Post comment").click()
    mine = author.locator(".comment").filter(has_text="Rolling slowly eased my upper back.")
    expect(mine).to_contain_text("Awaiting approval")
    expect(mine).to_contain_text("Thanks! <img src=x onerror=alert(1)>")
    axe_check(author)

    reader = open_as(browser, login_as, outsider, dialogs)
    reader.goto(live_server.url + ARTICLE)
    expect(reader.get_by_text("No comments yet.")).to_be_visible()
    expect(reader.get_by_text("Rolling slowly eased")).to_have_count(0)

    mod = open_as(browser, login_as, moderator, dialogs)
    mod.goto(live_server.url + "/moderation/")
    axe_check(mod)
    mod.get_by_label("Select comment by alice").check()
    mod.get_by_role("button", name="Approve", exact=True).click()
    expect(mod.get_by_text("1 comment approved.")).to_be_visible()
    expect(mod.get_by_text("The queue is empty.")).to_be_visible()
    assert Comment.objects.get().status == Comment.Status.APPROVED

    reader.reload()
    shown = reader.locator(".comment").filter(has_text="Rolling slowly eased my upper back.")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text("Thanks! <img src=x onerror=alert(1)>")
    expect(shown).not_to_contain_text("Awaiting approval")
    expect(reader.locator(".comment img")).to_have_count(0)
    expect(reader.get_by_role("heading", name="Comments (1)")).to_be_visible()
    assert dialogs == []


def test_it_selects_all_and_works_at_phone_and_desktop_widths(
    browser: Browser,
    live_server: Any,
    transactional_db: None,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
    owner: User,
    moderator: User,
) -> None:
    for n in range(2):
        Comment.objects.create(article="foam-rolling-safe-start", author=owner, body=f"Words {n}")
    Comment.objects.create(
        article="choosing-a-roller",
        author=owner,
        body="Offers at https://a.example https://b.example www.c.example",
        likely_spam=True,
    )
    page = open_as(browser, login_as, moderator)
    shots = os.environ.get("SCREENSHOT_DIR")
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for path, label in (
            ("/articles/", "articles"),
            (ARTICLE, "article"),
            ("/moderation/", "moderation"),
        ):
            page.goto(live_server.url + path)
            axe_check(page)
            assert fits_the_width(page), f"{path} is wider than {width} px"
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/{label}-{name}.png", full_page=True)

    select_all = page.get_by_label("Select all shown")
    select_all.check()
    expect(page.locator('input[name="comments"]:checked')).to_have_count(3)
    page.get_by_role("button", name="Reject", exact=True).click()
    expect(page.get_by_text("3 comments rejected.")).to_be_visible()
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.REJECTED}
