from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, Request, Route, expect

from rollcoach.content.loader import load_catalog
from rollcoach.session.timeline import build_timeline
from rollcoach.session.vocabulary import player_vocabulary
from rollcoach.web.coach.models import Plan, SessionLog
from rollcoach.web.coach.services.plans import plan_for_today
from session_support import events, payload, record

pytestmark = pytest.mark.browser

QUEUE_EMPTY = (
    "() => Object.keys(JSON.parse(localStorage.getItem('rollcoach.queue') || '{}')).length === 0"
)
SIZES = {"phone": (360, 780), "desktop": (1280, 800)}
SYNC = "**/api/sessions/sync/"
KEPT = "() => JSON.parse(localStorage.getItem('rollcoach.kept') || '{}')"
QUEUED = "() => Object.keys(JSON.parse(localStorage.getItem('rollcoach.queue') || '{}')).length"
LABELS: dict[str, str] = player_vocabulary()["step_labels"]


def open_player(context: BrowserContext, page: Page, url: str, login_as: Any, user: User) -> Page:
    login_as(context, user)
    page.clock.install()
    page.goto(url + "/session/")
    expect(page.locator("#player.ready")).to_have_count(1)
    return page


def choose_pain(page: Page, legend: str, value: int) -> None:
    page.get_by_role("group", name=legend).get_by_label(str(value), exact=True).check()


def start(page: Page, pain: int = 5) -> None:
    choose_pain(page, "Pain right now (0-10)", pain)
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#screen-live")).to_be_visible()


def step_count(page: Page) -> str:
    return page.locator("#step-count").inner_text()


def session_seconds(user: User) -> int:
    return Plan.objects.get(user=user).total_seconds


def steps_of(user: User) -> int:
    return len(timeline_of(user))


def timeline_of(user: User) -> list[dict[str, Any]]:
    steps = Plan.objects.get(user=user).timeline["steps"]  # type: ignore[index]
    assert isinstance(steps, list)
    return steps


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def expect_step(page: Page, step: dict[str, Any]) -> None:
    """The step on screen is `step`: its label, and a pace or a rep count where it has one."""
    expect(page.locator("#step-kind")).to_have_text(LABELS[step["kind"]])
    pace, reps = page.locator("#pace"), page.locator("#reps")
    if step["pace_seconds"]:
        expect(pace).to_be_visible()
    else:
        expect(pace).to_be_hidden()
    if step["reps"]:
        expect(reps).to_contain_text(f" of {step['reps']}")
    else:
        expect(reps).to_be_hidden()


def saved(page: Page) -> None:
    page.wait_for_function(QUEUE_EMPTY)


def shoot(page: Page, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_it_guides_a_whole_session_and_records_every_step(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    open_player(context, page, live_server.url, login_as, checked)
    axe_check(page)
    start(page, pain=5)
    steps = timeline_of(checked)
    expect(page.locator("#countdown")).to_have_text(clock_text(steps[0]["seconds"]))
    # Halfway through each step in turn, the page shows that step.
    elapsed = 0.0
    for number, step in enumerate(steps[:-1]):
        middle = sum(s["seconds"] for s in steps[:number]) + step["seconds"] / 2
        page.clock.run_for(round((middle - elapsed) * 1000))
        elapsed = middle
        expect(page.locator("#step-count")).to_have_text(f"Step {number + 1} of {len(steps)}")
        expect_step(page, step)
        if number == 1:
            axe_check(page)
    page.clock.run_for(session_seconds(checked) * 1000)
    expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
    choose_pain(page, "Pain now (0-10)", 2)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#sum-pain")).to_have_text("5 before, 2 after")
    expect(page.get_by_role("link", name="See your progress")).to_have_attribute(
        "href", "/progress/"
    )
    axe_check(page)
    saved(page)

    log = SessionLog.objects.get()
    assert (log.user, log.status, log.pain_before, log.pain_after) == (checked, "completed", 5, 2)
    assert log.finished_at is not None
    steps = len(log.timeline["steps"])
    for kind in ("step-started", "step-finished"):
        indexes = set(log.events.filter(kind=kind).values_list("step_index", flat=True))
        assert indexes == set(range(steps)), kind
    assert log.events.filter(kind="completed").count() == 1
    seqs = list(log.events.values_list("seq", flat=True))
    assert sorted(seqs) == list(range(len(seqs)))


def test_it_stops_at_once_on_sharp_pain(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    open_player(context, page, live_server.url, login_as, checked)
    start(page)
    page.clock.run_for(30_000)
    page.get_by_role("button", name="Sharp pain — stop").click()
    advice = page.locator("#sharp-advice")
    expect(advice).to_be_visible()
    expect(advice).to_contain_text("Roll off the roller slowly")
    expect(page.locator("#sharp-heading")).to_be_focused()
    expect(page.locator("#screen-live")).to_be_hidden()
    # The clock runs on, but nothing does.
    page.clock.run_for(120_000)
    expect(page.locator("#screen-live")).to_be_hidden()
    axe_check(page)
    choose_pain(page, "Pain now (0-10)", 7)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#summary")).to_be_visible()
    saved(page)

    log = SessionLog.objects.get()
    assert (log.status, log.pain_after) == ("stopped-sharp-pain", 7)
    event = log.events.get(kind="sharp-pain")
    assert (event.step_index, event.exercise) == (1, log.timeline["steps"][1]["exercise"])
    assert not log.events.filter(kind="step-started", step_index=2).exists()


def test_it_shows_the_pace_of_a_roll(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    """Whatever today's plan holds: a session that began on a timeline with a roll in it."""
    rolled = next(exercise for exercise in load_catalog() if exercise.dose.pass_seconds)
    timeline = build_timeline([(rolled, rolled.dose)]).to_dict()
    plan = plan_for_today(user=checked, now=timezone.now())
    body = payload(plan, status="paused", index=0, remaining=5.0, active=10.0, outcomes={})
    log = record(checked, body | {"events": events(0)})
    log.timeline = timeline
    log.state = {**log.state, "steps": len(timeline["steps"])}
    log.save()
    open_player(context, page, live_server.url, login_as, checked)
    expect(page.locator("#step-count")).to_have_text(f"Step 1 of {len(timeline['steps'])}")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(5_500)
    roll = timeline["steps"][1]
    assert roll["kind"] == "roll" and roll["pace_seconds"]
    expect_step(page, roll)
    text = page.locator("#pace-text")
    expect(text).to_have_text("Roll slowly up")
    page.clock.run_for(roll["pace_seconds"] * 1000)
    expect(text).to_have_text("Roll slowly down")
    expect(page.locator("#pace")).to_have_class("pace down pulse")
    axe_check(page)


def test_it_resumes_paused_at_the_same_step_after_a_reload(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
) -> None:
    open_player(context, page, live_server.url, login_as, checked)
    start(page, pain=4)
    total = steps_of(checked)
    # The first rest (every plan of more than one exercise has one), some steps in.
    rest = next(step["index"] for step in timeline_of(checked) if step["kind"] == "rest")
    assert rest > 0
    while step_count(page) != f"Step {rest + 1} of {total}":
        page.clock.run_for(1000)
    expect(page.locator("#step-kind")).to_have_text(LABELS["rest"])
    page.reload()
    expect(page.locator("#player.ready")).to_have_count(1)
    expect(page.locator("#screen-live")).to_be_visible()
    expect(page.locator("#step-count")).to_have_text(f"Step {rest + 1} of {total}")
    expect(page.locator("#paused-note")).to_be_visible()
    before = page.locator("#countdown").inner_text()
    page.clock.run_for(30_000)
    expect(page.locator("#countdown")).to_have_text(before)  # paused means paused
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(session_seconds(checked) * 1000)
    choose_pain(page, "Pain now (0-10)", 3)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#sum-pain")).to_have_text("4 before, 3 after")
    saved(page)

    log = SessionLog.objects.get()
    assert (log.status, log.pain_before, log.pain_after) == ("completed", 4, 3)
    steps = len(log.timeline["steps"])
    finished = set(log.events.filter(kind="step-finished").values_list("step_index", flat=True))
    assert finished == set(range(steps))
    assert log.events.filter(kind="paused", detail="interrupted", step_index=rest).count() == 1
    assert log.events.filter(kind="step-started", step_index=rest).count() == 1


def test_it_answers_the_keyboard(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
) -> None:
    open_player(context, page, live_server.url, login_as, checked)
    start(page)
    total = steps_of(checked)
    expect(page.get_by_text("Keys:")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    expect(page.locator("#paused-note")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.keyboard.press("n")
    expect(page.locator("#step-count")).to_have_text(f"Step 2 of {total}")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-count")).to_have_text(f"Step 3 of {total}")
    mute = page.locator("#mute-button")
    page.keyboard.press("m")
    expect(mute).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("localStorage.getItem('rollcoach.mute')") == "1"
    page.keyboard.press("s")
    expect(page.locator("#sharp-advice")).to_be_visible()
    saved(page)

    log = SessionLog.objects.get()
    kinds = list(log.events.order_by("seq").values_list("kind", "step_index"))
    assert ("paused", 0) in kinds and ("resumed", 0) in kinds
    assert ("step-skipped", 0) in kinds and ("step-skipped", 1) in kinds
    assert log.status == "stopped-sharp-pain"


def test_it_stays_small_and_on_this_server(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
) -> None:
    requests: list[str] = []
    weights: list[int] = []
    context.on("request", lambda request: requests.append(request.url))
    page.on("requestfinished", lambda request: weights.append(sum(request.sizes().values())))
    login_as(context, checked)
    page.goto(live_server.url + "/session/", wait_until="networkidle")
    start(page)
    page.wait_for_load_state("networkidle")
    outside = [url for url in requests if not url.startswith(live_server.url)]
    assert not outside
    assert len(weights) >= 5
    assert sum(weights) < 200_000, f"{sum(weights)} bytes"


@pytest.mark.parametrize("size", SIZES, ids=SIZES.keys())
def test_it_fits_a_phone_and_a_desktop(
    checked: User,
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
    size: str,
) -> None:
    width, height = SIZES[size]
    context = new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    open_player(context, page, live_server.url, login_as, checked)
    shoot(page, f"player-start-{size}")
    start(page)
    first, work = timeline_of(checked)[:2]
    page.clock.run_for((first["seconds"] + 5) * 1000)
    expect_step(page, work)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for target in ("#sharp-button", "#countdown"):
        box = page.locator(target).bounding_box()
        assert box is not None
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, target
        assert 0 <= box["y"] and box["y"] + box["height"] <= height, target
    sharp = page.locator("#sharp-button").bounding_box()
    countdown = page.locator("#countdown").bounding_box()
    assert sharp and countdown and countdown["y"] + countdown["height"] <= sharp["y"]
    shoot(page, f"player-rolling-{size}")
    page.clock.run_for(session_seconds(checked) * 1000)
    choose_pain(page, "Pain now (0-10)", 3)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#summary")).to_be_visible()
    page.locator("#summary").scroll_into_view_if_needed()
    shoot(page, f"player-end-{size}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.reload()
    start(page)
    page.get_by_role("button", name="Sharp pain — stop").click()
    expect(page.locator("#sharp-advice")).to_be_visible()
    shoot(page, f"player-sharp-pain-{size}")
    choose_pain(page, "Pain now (0-10)", 6)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#summary")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe_check(page)
    # Sharp pain means no other session today: the player sends the person to the reason.
    expect(page.locator("#sync-status")).to_have_text("Saved.")
    page.reload()
    expect(page.get_by_role("heading", name="No more sessions today")).to_be_visible()
    expect(page.get_by_text("no other session today")).to_be_visible()
    axe_check(page)


def test_it_wants_a_fresh_check_before_a_new_session_even_from_the_cache(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    login_as(context, checked)
    # The page as the offline cache would serve it half a day later.
    page.clock.install(time=datetime.now(UTC) + timedelta(hours=13))
    page.goto(live_server.url + "/session/")
    expect(page.locator("#check-stale")).to_be_visible()
    axe_check(page)
    choose_pain(page, "Pain right now (0-10)", 5)
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#screen-live")).to_be_hidden()
    link = page.get_by_role("link", name="Take the quick check again")
    expect(link).to_have_attribute("href", "/session/check/")
    page.wait_for_timeout(300)
    assert not SessionLog.objects.exists()


def answer(status: int, error: str) -> Callable[[Route], None]:
    body = json.dumps({"error": error})

    def fulfil(route: Route) -> None:
        route.fulfill(status=status, content_type="application/json", body=body)

    return fulfil


def uploads(page: Page) -> list[str]:
    """The addresses of every upload the page sends from now on."""
    sent: list[str] = []

    def seen(request: Request) -> None:
        if request.url.endswith("/api/sessions/sync/"):
            sent.append(request.url)

    page.on("request", seen)
    return sent


def test_it_keeps_a_session_the_server_refuses_and_says_why(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    page.route(SYNC, answer(409, "this session belongs to another plan."))
    sent = uploads(page)
    open_player(context, page, live_server.url, login_as, checked)
    start(page)
    expect(page.locator("#sync-status")).to_have_text(
        "This session could not be saved to your account (the server said: this session belongs"
        " to another plan). It is kept on this device."
    )
    axe_check(page)
    (refused,) = page.evaluate(KEPT).values()
    assert (refused["status"], refused["payload"]["status"]) == (409, "running")
    first = refused["payload"]["revision"]
    assert page.evaluate(QUEUED) == 0
    # The session carries on, on this device only: its later states are kept, never sent.
    page.clock.run_for(60_000)
    (refused,) = page.evaluate(KEPT).values()
    assert refused["payload"]["index"] >= 1 and refused["payload"]["revision"] > first
    assert len(sent) == 1
    expect(page.locator("#sync-status")).to_contain_text("It is kept on this device.")
    assert not SessionLog.objects.exists()


def test_it_asks_to_log_in_again_and_waits_for_the_network(
    checked: User,
    context: BrowserContext,
    page: Page,
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    page.route(SYNC, answer(401, "Log in to save your session."))
    sent = uploads(page)
    open_player(context, page, live_server.url, login_as, checked)
    start(page)
    status = page.locator("#sync-status")
    expect(status).to_have_text(
        "You are logged out: your session is kept on this device. Log in again to upload it."
    )
    link = status.get_by_role("link", name="Log in again")
    expect(link).to_have_attribute("href", "/accounts/login/?next=/session/")
    axe_check(page)
    page.clock.run_for(90_000)  # long past any retry
    assert len(sent) == 1
    assert page.evaluate(QUEUED) == 1
    page.unroute(SYNC)
    # Back online (logged in again meanwhile, say): it tries at once.
    context.set_offline(True)
    context.set_offline(False)
    saved(page)
    expect(status).to_have_text("Saved.")
    log = SessionLog.objects.get()
    assert log.status == "in-progress"
    assert page.evaluate(KEPT) == {}
