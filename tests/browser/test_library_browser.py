from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from browser_support import fits_360, screenshots
from playwright.sync_api import Page, expect

from rollcoach.catalog.model import Area, Density
from rollcoach.content.loader import load_catalog

pytestmark = pytest.mark.browser


def pictures_loaded(page: Page) -> bool:
    return bool(
        page.evaluate(
            "[...document.images].every(i => i.complete && i.naturalWidth > 0)"
            " && document.images.length > 0"
        )
    )


def test_it_shows_the_home_page(
    page: Page, live_server: Any, transactional_db: None, axe_check: Callable[[Page], None]
) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ease back pain safely with a foam roller"
    )
    expect(page.locator(".exercise-card")).to_have_count(4)
    expect(page.get_by_role("link", name="Sign up and start")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.evaluate("Promise.all([...document.images].map(i => i.decode()))")
    assert pictures_loaded(page)
    axe_check(page)
    assert fits_360(page)
    screenshots(page, "home")


def test_it_filters_the_exercise_list(
    page: Page, live_server: Any, transactional_db: None, axe_check: Callable[[Page], None]
) -> None:
    page.goto(live_server.url + "/exercises/")
    expect(page.locator(".exercise-card")).to_have_count(len(load_catalog()))
    page.get_by_label("Where it hurts").select_option("hips")
    page.get_by_label("No roller needed").check()
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_url("**/exercises/?area=hips*no_roller=on")
    expected = load_catalog().filter(area=Area.HIPS, no_roller=True)
    expect(page.locator(".exercise-card")).to_have_count(len(expected))
    for exercise in expected:
        expect(page.get_by_role("link", name=exercise.name)).to_be_visible()
    expect(page.get_by_label("Where it hurts")).to_have_value("hips")
    axe_check(page)
    assert fits_360(page)
    screenshots(page, "exercise-list")


def test_it_explains_conflicting_filters_and_keeps_the_others(
    page: Page, live_server: Any, transactional_db: None, axe_check: Callable[[Page], None]
) -> None:
    page.goto(live_server.url + "/exercises/")
    page.get_by_label("Where it hurts").select_option("hips")
    page.get_by_label("Your roller").select_option("soft")
    page.get_by_label("No roller needed").check()
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_url("**/exercises/?area=hips&roller=soft&no_roller=on")
    expect(page.locator("#filter-conflict")).to_contain_text(
        "You chose a soft roller and “No roller needed”"
    )
    expect(page.get_by_role("form", name="Filter")).to_have_accessible_description(
        re.compile("no exercise is both")
    )
    expected = load_catalog().filter(area=Area.HIPS)
    expect(page.locator(".exercise-card")).to_have_count(len(expected))
    expect(page.get_by_label("Your roller")).to_have_value("soft")
    expect(page.get_by_label("No roller needed")).to_be_checked()
    axe_check(page)
    assert fits_360(page)
    screenshots(page, "exercise-list-conflict")

    page.get_by_label("No roller needed").uncheck()
    page.get_by_role("button", name="Show exercises").click()
    expect(page.locator("#filter-conflict")).to_have_count(0)
    expect(page.locator(".exercise-card")).to_have_count(
        len(load_catalog().filter(area=Area.HIPS, density=Density.SOFT))
    )


def test_it_explains_an_unknown_filter_and_keeps_the_valid_ones(
    page: Page, live_server: Any, transactional_db: None, axe_check: Callable[[Page], None]
) -> None:
    response = page.goto(live_server.url + "/exercises/?area=hips&roller=squishy")
    assert response is not None and response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("There is no roller called “squishy”")
    expected = load_catalog().filter(area=Area.HIPS)
    expect(page.locator(".exercise-card")).to_have_count(len(expected))
    expect(page.get_by_label("Where it hurts")).to_have_value("hips")
    axe_check(page)
    assert fits_360(page)


def test_it_shows_an_exercise(
    page: Page, live_server: Any, transactional_db: None, axe_check: Callable[[Page], None]
) -> None:
    lat = load_catalog().get("lat-release")
    page.goto(live_server.url + "/exercises/")
    page.get_by_role("link", name=lat.name).click()
    page.wait_for_url(f"**/exercises/{lat.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(lat.name)
    expect(page.locator("ol.steps li")).to_have_count(len(lat.steps))
    expect(page.get_by_role("heading", name="Who should not do this")).to_be_visible()
    page.get_by_role("link", name="Standing lat stretch at the wall").click()
    page.wait_for_url("**/exercises/standing-wall-lat-stretch/")
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert pictures_loaded(page)
    axe_check(page)
    assert fits_360(page)
    screenshots(page, "exercise-detail")
