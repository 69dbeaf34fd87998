"""The player on a phone: the sharp-pain bar stays in reach at the bottom of the screen, and it
never covers a control, whatever the state of the session and however far the page is scrolled.

A control counts where it can be seen: its box, cut to what its scrolling containers show.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, expect

from rollcoach.web.coach.models import Plan

pytestmark = pytest.mark.browser

SIZES = {"360x640": (360, 640), "360x800": (360, 800), "1280x800": (1280, 800)}
CONTROLS = "button, a[href], input, select, textarea, summary, #countdown"

# In the page: the scroll positions to visit (the container the page scrolls in), and, at one
# position, every visible control whose visible box meets the sharp-pain bar's box.
SCROLLER = """() => {
  const candidates = [document.scrollingElement, document.body, document.documentElement];
  return candidates.find((el) => el && el.scrollHeight > el.clientHeight + 1
    && (el === document.scrollingElement || getComputedStyle(el).overflowY !== 'visible'))
    || document.scrollingElement;
}"""
COVERED = """(selector) => {
  const bar = document.querySelector('.sharp-bar');
  if (!bar || !bar.checkVisibility()) return [];
  const b = bar.getBoundingClientRect();
  const view = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
  const clip = (box, el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      if (up === document.documentElement) continue;  // the viewport, below
      const r = up.getBoundingClientRect();
      const inner = { top: r.top + up.clientTop, left: r.left + up.clientLeft };
      inner.bottom = inner.top + up.clientHeight;
      inner.right = inner.left + up.clientWidth;
      box = { top: Math.max(box.top, inner.top), left: Math.max(box.left, inner.left),
              bottom: Math.min(box.bottom, inner.bottom), right: Math.min(box.right, inner.right) };
    }
    return { top: Math.max(box.top, view.top), left: Math.max(box.left, view.left),
             bottom: Math.min(box.bottom, view.bottom), right: Math.min(box.right, view.right) };
  };
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (bar.contains(el) || !el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const box = clip({ top: r.top, left: r.left, bottom: r.bottom, right: r.right }, el);
    if (box.bottom <= box.top || box.right <= box.left) continue;  // scrolled out of sight
    const meets = box.top < b.bottom && box.bottom > b.top && box.left < b.right
      && box.right > b.left;
    if (meets) found.push(`${el.tagName.toLowerCase()}#${el.id || ''} "${
      (el.textContent || el.value || '').trim().slice(0, 30)}" ${Math.round(box.top)}-${
      Math.round(box.bottom)} under the bar at ${Math.round(b.top)}`);
  }
  return found;
}"""


def scroll_through(page: Page, state: str, shots: str | None = None) -> int:
    """Visits the page from top to bottom a third of a screen at a time; at each position no
    control may lie under the bar. Returns how many positions it visited."""
    if shots:
        page.screenshot(path=f"{shots}.png")  # where the player itself put the page
    scroller = page.evaluate_handle(SCROLLER)
    height = page.evaluate("(el) => el.scrollHeight - el.clientHeight", scroller)
    step = max(40, page.viewport_size["height"] // 3) if page.viewport_size else 200
    positions = [*range(0, max(0, int(height)), step), int(height)]
    problems: list[str] = []
    for position in positions:
        page.evaluate("([el, y]) => { el.scrollTop = y; }", [scroller, position])
        page.wait_for_function("() => new Promise((done) => requestAnimationFrame(done))")
        for found in page.evaluate(COVERED, CONTROLS):
            problems.append(f"{state}, scrolled {position}px: {found}")
    if shots:
        for name, position in (("top", 0), ("bottom", int(height))):
            page.evaluate("([el, y]) => { el.scrollTop = y; }", [scroller, position])
            page.screenshot(path=f"{shots}-{name}.png")
    assert not problems, "\n".join(problems)
    return len(positions)


def steps_of(user: User) -> list[dict[str, Any]]:
    steps = Plan.objects.get(user=user).timeline["steps"]  # type: ignore[index]
    assert isinstance(steps, list)
    return steps


def run_to(page: Page, steps: list[dict[str, Any]], kind: str, done: float) -> float:
    """Runs the clock to the middle of the first step of `kind`; returns the new session time."""
    index = next(step["index"] for step in steps if step["kind"] == kind)
    middle = sum(s["seconds"] for s in steps[:index]) + steps[index]["seconds"] / 2
    page.clock.run_for(round((middle - done) * 1000))
    expect(page.locator("#step-count")).to_have_text(f"Step {index + 1} of {len(steps)}")
    return middle


@pytest.mark.parametrize("size", SIZES, ids=SIZES.keys())
def test_the_sharp_pain_bar_never_covers_a_control(
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
    login_as(context, checked)
    page.clock.install()
    page.goto(live_server.url + "/session/")
    expect(page.locator("#player.ready")).to_have_count(1)
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder and size == "360x640":
        Path(folder).mkdir(parents=True, exist_ok=True)

    def shots(state: str) -> str | None:
        return f"{folder}/phone-{state}" if folder and size == "360x640" else None

    def check(state: str) -> None:
        visited = scroll_through(page, state, shots(state))
        if height == 640 and state in ("before-start", "live-roll", "end-form"):
            assert visited > 2, f"{state} fits one screen: the check proved nothing"

    bar = page.locator(".sharp-bar")
    check("before-start")
    axe_check(page)
    page.get_by_role("group", name="Pain right now (0-10)").get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#screen-live")).to_be_visible()
    steps = steps_of(checked)
    done = run_to(page, steps, "reps", 0)
    expect(page.locator("#reps")).to_be_visible()
    expect(bar).to_be_visible()
    check("live-reps")
    done = run_to(page, steps, "roll", done)
    expect(page.locator("#pace")).to_be_visible()
    check("live-roll")
    axe_check(page)
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#paused-note")).to_be_visible()
    check("paused")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(sum(step["seconds"] for step in steps) * 1000)
    expect(page.locator("#end-form")).to_be_visible()
    check("end-form")
    axe_check(page)
    page.get_by_role("group", name="Pain now (0-10)").get_by_label("3", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#summary")).to_be_visible()
    check("summary")
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
