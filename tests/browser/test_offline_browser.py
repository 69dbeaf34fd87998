from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, expect

from rollcoach.web.coach.models import Plan, SessionEvent, SessionLog

pytestmark = pytest.mark.browser

QUEUE = "() => JSON.parse(localStorage.getItem('rollcoach.queue') || '{}')"
QUEUE_EMPTY = f"() => Object.keys(({QUEUE})()).length === 0"
CACHED = """async (path) => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(path)) return true;
  }
  return false;
}"""
REPLAY = """async (payloads) => {
  const token = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).slice(10);
  const statuses = [];
  for (const payload of payloads) {
    const response = await fetch('/api/sessions/sync/', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
      body: JSON.stringify(payload),
    });
    statuses.push(response.status);
  }
  return statuses;
}"""


def eventually(page: Page, script: str, arg: Any = None, seconds: float = 10) -> None:
    """Waits for an async check: wait_for_function does not wait for a promise to settle."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {script[:60]}"
        page.wait_for_timeout(100)


def choose_pain(page: Page, legend: str, value: int) -> None:
    page.get_by_role("group", name=legend).get_by_label(str(value), exact=True).check()


def test_it_runs_a_session_offline_and_uploads_it_exactly_once(
    checked: User,
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    context = new_context(service_workers="allow")
    login_as(context, checked)
    page = context.new_page()
    page.clock.install()
    page.goto(live_server.url + "/session/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    plan = Plan.objects.get(user=checked)
    first = plan.timeline["steps"][0]["exercise"]  # type: ignore[index]
    eventually(page, CACHED, "/session/")
    eventually(page, CACHED, f"/exercises/{first}/picture.svg")

    context.set_offline(True)
    response = page.reload()
    assert response is not None and response.from_service_worker
    expect(page.locator("#player.ready")).to_have_count(1)
    axe_check(page)
    choose_pain(page, "Pain right now (0-10)", 6)
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#sync-status")).to_have_text(
        "Saved on this device. It will upload when you are back online."
    )
    page.wait_for_function("() => document.getElementById('step-picture').naturalWidth > 0")
    page.clock.run_for(plan.total_seconds * 1000)
    choose_pain(page, "Pain now (0-10)", 4)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#summary")).to_be_visible()

    queued = page.evaluate(QUEUE)
    assert len(queued) == 1
    (payload,) = queued.values()
    assert (payload["status"], payload["pain_before"], payload["pain_after"]) == ("completed", 6, 4)
    assert not SessionLog.objects.exists()

    context.set_offline(False)
    page.wait_for_function(QUEUE_EMPTY)
    expect(page.locator("#sync-status")).to_have_text("Saved.")
    log = SessionLog.objects.get()
    assert (log.status, log.pain_before, log.pain_after) == ("completed", 6, 4)
    steps = len(log.timeline["steps"])
    finished = set(log.events.filter(kind="step-finished").values_list("step_index", flat=True))
    assert finished == set(range(steps))
    stored = sorted(log.events.values_list("seq", "kind"))
    assert len(stored) == len(payload["events"])

    # The same queue once more, as after an answer lost on the way back.
    assert page.evaluate(REPLAY, list(queued.values())) == [200]
    assert page.evaluate(REPLAY, [{**payload, "revision": payload["revision"] - 3}]) == [200]
    assert SessionLog.objects.count() == 1
    assert sorted(SessionEvent.objects.values_list("seq", "kind")) == stored
    assert SessionLog.objects.get().revision == payload["revision"]


def test_it_keeps_one_versioned_cache(
    checked: User,
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    login_as: Callable[[Any, User], None],
    axe_check: Callable[[Page], None],
) -> None:
    context = new_context(service_workers="allow")
    login_as(context, checked)
    page = context.new_page()
    # A cache left by an older version of the worker, on a page that registers none.
    page.goto(live_server.url + "/manifest.webmanifest")
    page.evaluate("caches.open('rollcoach-outdated').then((c) => c.put('/x', new Response('x')))")
    page.goto(live_server.url + "/session/")
    axe_check(page)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    eventually(page, "async () => !(await caches.keys()).includes('rollcoach-outdated')")
    names = page.evaluate("caches.keys()")
    assert len([name for name in names if name.startswith("rollcoach-")]) == 1
