"""Sharp pain means stop, and the rest of the journey keeps its promises: no other session that
day (online and from the offline cache, in the server's words), then a plan one step easier
until a session is finished without sharp pain, whatever ends early on the way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rollcoach.content.loader import load_catalog
from rollcoach.safety.sharp_pain import REST_TODAY
from rollcoach.web.coach.models import Plan, SessionLog

pytestmark = pytest.mark.browser

SIZES = {"phone": (360, 640), "desktop": (1280, 800)}
PASSWORD = "slow-rolls-every-morning"
QUEUE = "() => JSON.parse(localStorage.getItem('rollcoach.queue') || '{}')"
QUEUE_EMPTY = f"() => Object.keys(({QUEUE})()).length === 0"
CACHED = """async (path) => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(path)) return true;
  }
  return false;
}"""
CONFIG = "() => JSON.parse(document.getElementById('player-config').textContent)"


@pytest.fixture
def contexts(
    transactional_db: None, live_server: Any, browser: Browser
) -> Iterator[Callable[..., BrowserContext]]:
    """Browser contexts closed before the database is emptied, once the server is quiet."""
    opened: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        opened.append(browser.new_context(timezone_id="UTC", **options))
        return opened[-1]

    yield make
    for context in opened:
        context.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


def eventually(page: Page, script: str, arg: Any = None, seconds: float = 10) -> None:
    """Waits for an async check: wait_for_function does not wait for a promise to settle."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {script[:60]}"
        page.wait_for_timeout(100)


def choose_pain(page: Page, legend: str, value: int) -> None:
    page.get_by_role("group", name=legend).get_by_label(str(value), exact=True).check()


def look(page: Page, axe_check: Callable[[Page], None]) -> None:
    """Every page on the way: no serious accessibility problem, no sideways scrolling."""
    axe_check(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def names_today(page: Page) -> list[str]:
    """The exercises the today page lists for the next session, as the person reads them."""
    expect(page.get_by_role("heading", name="Your next session", exact=False)).to_be_visible()
    return page.locator(".exercises > li h3").all_inner_texts()


def minutes_today(page: Page) -> int:
    heading = page.get_by_role("heading", name="Your next session", exact=False).inner_text()
    return int(heading.split("about ")[1].split(" minute")[0])


def saved(page: Page) -> None:
    page.wait_for_function(QUEUE_EMPTY)
    expect(page.locator("#sync-status")).to_have_text("Saved.")


def refuses_today(page: Page, url: str, axe_check: Callable[[Page], None]) -> None:
    """The today page says why there is no session and what to do; the way in to the player
    (its check first, or the player itself) leads back there, to the same words."""
    for path in ("/today/", "/session/check/", "/session/"):
        page.goto(url + path)
        expect(page).to_have_url(url + "/today/")
        expect(page.get_by_role("heading", name="No more sessions today")).to_be_visible()
        expect(page.get_by_text(REST_TODAY, exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Start session")).to_have_count(0)
        look(page, axe_check)


def to_the_player(page: Page, url: str, axe_check: Callable[[Page], None]) -> None:
    """From the today page through the quick check before a session, to the player."""
    page.goto(url + "/today/")
    page.get_by_role("link", name="Start session").click()
    expect(page).to_have_url(url + "/session/check/")
    look(page, axe_check)
    for radio in page.locator('input[type=radio][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="Continue to the session").click()
    expect(page).to_have_url(url + "/session/")
    expect(page.locator("#player.ready")).to_have_count(1)
    look(page, axe_check)


def start(page: Page, pain: int) -> None:
    choose_pain(page, "Pain right now (0-10)", pain)
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#screen-live")).to_be_visible()


def save_pain_after(page: Page, pain: int, axe_check: Callable[[Page], None]) -> None:
    choose_pain(page, "Pain now (0-10)", pain)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#summary")).to_be_visible()
    saved(page)
    look(page, axe_check)


def sign_up_and_set_up(page: Page, url: str, axe_check: Callable[[Page], None]) -> None:
    """A new person: an account, the red-flag screen, STarT Back, then a profile with the fewest
    minutes a session can have."""
    page.goto(url + "/accounts/signup/")
    look(page, axe_check)
    page.get_by_label("Username").fill("bea")
    page.get_by_label("Email").fill("bea@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(url + "/start/")
    look(page, axe_check)
    page.get_by_role("link", name="Begin with the safety questions").click()
    expect(page).to_have_url(url + "/start/screen/")
    look(page, axe_check)
    for radio in page.locator('input[type=radio][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result: you can start")
    look(page, axe_check)
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(url + "/start/back/")
    look(page, axe_check)
    for radio in page.locator('input[type=radio][value="disagree"]').all():
        radio.check()
    page.locator('input[name="SB9"][value="slightly"]').check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="Low risk group")).to_be_visible()
    look(page, axe_check)
    page.get_by_role("link", name="Continue: about you").click()
    expect(page).to_have_url(url + "/profile/")
    look(page, axe_check)
    page.get_by_role("checkbox", name="Upper back", exact=True).check()
    page.get_by_role("checkbox", name="A firm roller").check()
    page.get_by_label("Minutes a session").fill("5")
    page.get_by_role("button", name="Save and see my plan").click()
    expect(page).to_have_url(url + "/today/")
    look(page, axe_check)


def the_one_to_hurt(names: list[str]) -> tuple[str, str, str]:
    """The first exercise listed that has an easier version: its slug and name, and the easier
    version's name."""
    catalog = load_catalog()
    by_name = {exercise.name: exercise for exercise in catalog}
    for name in names:
        easier = by_name[name].regression
        if easier:
            return by_name[name].slug, name, catalog.get(easier).name
    raise AssertionError(f"no exercise with an easier version in {names}")


def skip_to(page: Page, name: str) -> list[str]:
    """Skips with the player's own control until the step doing `name` is on screen; returns
    the headings shown on the way."""
    title, total = page.locator("#step-title"), page.locator("#step-count")
    seen: list[str] = []
    for _ in range(60):
        seen.append(title.inner_text())
        if seen[-1] == name:
            return seen
        before = total.inner_text()
        page.get_by_role("button", name="Skip step").click()
        expect(total).not_to_have_text(before)
    raise AssertionError(f"{name} never came on screen")


@pytest.mark.parametrize("size", SIZES, ids=SIZES.keys())
def test_a_sharp_pain_stop_keeps_the_next_sessions_easier_until_one_is_finished(
    contexts: Callable[..., BrowserContext],
    live_server: Any,
    axe_check: Callable[[Page], None],
    size: str,
) -> None:
    width, height = SIZES[size]
    url = live_server.url
    context = contexts(viewport={"width": width, "height": height})
    page = context.new_page()
    # The server's clock (the live server runs in this process) and the browser's move together,
    # one morning at a time.
    first = (datetime.now(UTC) + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    mornings = [first + timedelta(days=day) for day in range(4)]
    page.clock.install(time=first)

    with time_machine.travel(mornings[0], tick=True):
        sign_up_and_set_up(page, url, axe_check)
        full = names_today(page)
        full_minutes = minutes_today(page)
        slug, hurt, easier = the_one_to_hurt(full)
        assert easier not in full
        to_the_player(page, url, axe_check)
        start(page, pain=3)
        skip_to(page, hurt)
        look(page, axe_check)
        page.get_by_role("button", name="Sharp pain — stop").click()
        expect(page.locator("#sharp-advice")).to_be_visible()
        expect(page.locator("#screen-live")).to_be_hidden()
        save_pain_after(page, 6, axe_check)
        user = User.objects.get(username="bea")
        stop = SessionLog.objects.get(user=user)
        assert stop.status == "stopped-sharp-pain"
        assert stop.events.get(kind="sharp-pain").exercise == slug

        # The same day, an hour later: nothing more today, and why.
        page.clock.set_system_time(mornings[0] + timedelta(hours=1))
        with time_machine.travel(mornings[0] + timedelta(hours=1), tick=True):
            refuses_today(page, url, axe_check)

    # The next day: one step easier. The exercise that hurt gives way to its easier version,
    # nothing else changes, and the session is no longer.
    page.clock.set_system_time(mornings[1])
    with time_machine.travel(mornings[1], tick=True):
        page.goto(url + "/today/")
        easier_plan = names_today(page)
        assert sorted(easier_plan) == sorted([easier if n == hurt else n for n in full])
        assert minutes_today(page) <= full_minutes
        expect(page.get_by_text("stays one step easier", exact=False)).to_be_visible()
        look(page, axe_check)
        to_the_player(page, url, axe_check)
        total = Plan.objects.filter(user=user).latest("created_at").total_seconds
        assert stop.plan is not None and total <= stop.plan.total_seconds
        start(page, pain=3)
        # In the player too: the easier version comes, the exercise that hurt does not.
        assert hurt not in skip_to(page, easier)
        look(page, axe_check)
        page.get_by_role("button", name="End early").click()
        expect(page.locator("#screen-end")).to_be_visible()
        save_pain_after(page, 3, axe_check)
        assert SessionLog.objects.filter(user=user).latest("started_at").status == "stopped"

    # Ended early: the day after is still easier.
    page.clock.set_system_time(mornings[2])
    with time_machine.travel(mornings[2], tick=True):
        page.goto(url + "/today/")
        assert sorted(names_today(page)) == sorted(easier_plan)
        assert minutes_today(page) <= full_minutes
        look(page, axe_check)
        to_the_player(page, url, axe_check)
        start(page, pain=2)
        total = Plan.objects.filter(user=user).latest("created_at").total_seconds
        page.clock.run_for((total + 5) * 1000)
        expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
        save_pain_after(page, 1, axe_check)
        assert SessionLog.objects.filter(user=user).latest("started_at").status == "completed"

    # A session finished without sharp pain: the full plan is back.
    page.clock.set_system_time(mornings[3])
    with time_machine.travel(mornings[3], tick=True):
        page.goto(url + "/today/")
        assert sorted(names_today(page)) == sorted(full)
        assert minutes_today(page) == full_minutes
        expect(page.get_by_text("stays one step easier", exact=False)).to_have_count(0)
        look(page, axe_check)


def test_offline_the_player_refuses_a_second_session_the_day_of_a_sharp_pain_stop(
    checked: User,
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    context = new_context(service_workers="allow", timezone_id="UTC")
    login_as(context, checked)
    context.clock.install()
    stopped = context.new_page()
    stopped.goto(live_server.url + "/session/")
    stopped.wait_for_function("() => navigator.serviceWorker.controller !== null")
    eventually(stopped, CACHED, "/session/")

    # With no connection, a second tab opens the player from the cache, ready to start.
    context.set_offline(True)
    other = context.new_page()
    response = other.goto(live_server.url + "/session/")
    assert response is not None and response.from_service_worker
    expect(other.locator("#player.ready")).to_have_count(1)
    expect(other.get_by_role("button", name="Start session")).to_be_visible()

    # Sharp pain in the first tab, still offline: the stop waits on this device to upload.
    start(stopped, pain=4)
    stopped.clock.run_for(20_000)
    stopped.get_by_role("button", name="Sharp pain — stop").click()
    expect(stopped.locator("#sharp-advice")).to_be_visible()
    queued = stopped.evaluate(QUEUE)
    assert [payload["status"] for payload in queued.values()] == ["stopped-sharp-pain"]

    # The second tab refuses to start another session, and queues nothing.
    choose_pain(other, "Pain right now (0-10)", 3)
    other.get_by_role("button", name="Start session").click()
    notice = other.locator("#rest-today")
    expect(notice).to_be_visible()
    expect(notice).to_be_focused()
    expect(other.locator("#start-form")).to_be_hidden()
    expect(other.locator("#screen-live")).to_be_hidden()
    assert other.evaluate(QUEUE) == queued
    look(other, axe_check)

    # Opened again from the cache, the player says so at once.
    response = other.reload()
    assert response is not None and response.from_service_worker
    expect(other.locator("#player.ready")).to_have_count(1)
    expect(notice).to_be_visible()
    expect(other.locator("#start-form")).to_be_hidden()
    look(other, axe_check)
    words = notice.inner_text()
    assert other.evaluate(QUEUE) == queued

    # Back online, only the stop is uploaded. (One tab sends it: the test server shares one
    # database connection between its threads, so two tabs' uploads at once would not be
    # isolated from each other there.)
    stopped.close()
    context.set_offline(False)
    other.wait_for_function(QUEUE_EMPTY)
    assert list(SessionLog.objects.values_list("status", flat=True)) == ["stopped-sharp-pain"]

    assert other.evaluate(CONFIG)["rest_today"] == REST_TODAY
    assert words == REST_TODAY
