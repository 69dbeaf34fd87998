from __future__ import annotations

import re

import pytest
from django.test import Client

from rollcoach.catalog.model import Area, Density
from rollcoach.content.loader import load_catalog

pytestmark = pytest.mark.django_db


def slugs_on(page: str) -> list[str]:
    return re.findall(r'class="exercise-name"><a href="/exercises/([a-z0-9-]+)/"', page)


def test_it_lists_every_exercise_with_the_core_first(client: Client) -> None:
    response = client.get("/exercises/")
    assert response.status_code == 200
    shown = slugs_on(response.content.decode())
    catalog = load_catalog()
    assert sorted(shown) == sorted(catalog.slugs())
    core = {e.slug for e in catalog.core()}
    assert set(shown[: len(core)]) == core


def test_it_shows_each_card_with_picture_dose_and_roller(client: Client) -> None:
    page = client.get("/exercises/").content.decode()
    lat = load_catalog().get("lat-release")
    card = page[page.index('src="/exercises/lat-release/picture.svg"') :]
    card = card[: card.index("</article>")]
    assert lat.name in card
    assert f"<dd>{lat.dose.describe()}</dd>" in card
    assert "<dd>Soft, medium or firm</dd>" in card
    assert "Core technique" in card


@pytest.mark.parametrize(
    "query, area, density, no_roller",
    [
        ("area=hips", Area.HIPS, None, False),
        ("area=lower-back", Area.LOWER_BACK, None, False),
        ("roller=medium", None, Density.MEDIUM, False),
        ("area=upper-back&roller=firm", Area.UPPER_BACK, Density.FIRM, False),
        ("no_roller=on", None, None, True),
        ("area=neck-shoulders&no_roller=on", Area.NECK_SHOULDERS, None, True),
        ("area=&roller=", None, None, False),
    ],
)
def test_it_filters_by_area_roller_and_no_roller(
    client: Client, query: str, area: Area | None, density: Density | None, no_roller: bool
) -> None:
    response = client.get(f"/exercises/?{query}")
    assert response.status_code == 200
    expected = load_catalog().filter(area=area, density=density, no_roller=no_roller)
    assert sorted(slugs_on(response.content.decode())) == sorted(e.slug for e in expected)


def test_it_lists_only_moves_without_a_roller_for_no_roller(client: Client) -> None:
    page = client.get("/exercises/?no_roller=on").content.decode()
    shown = slugs_on(page)
    assert shown and all(not load_catalog().get(slug).needs_roller for slug in shown)
    assert "<dd>None needed</dd>" in page and "<dd>Soft" not in page


def test_it_warns_that_the_lower_back_itself_is_never_rolled(client: Client) -> None:
    page = client.get("/exercises/?area=lower-back").content.decode()
    assert "never the lower back itself" in page
    assert "never the lower back itself" not in client.get("/exercises/?area=hips").content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ("area=knees", "There is no area called “knees”"),
        ("roller=squishy", "There is no roller called “squishy”"),
        ("roller=soft&no_roller=on", "Choose a roller or “No roller needed”, not both."),
        ("area=%3Cscript%3E", "There is no area called “&lt;script&gt;”"),
        ("area=hips&area=lower-back&roller=firm&roller=x", "There is no roller called “x”"),
    ],
)
def test_it_explains_bad_filter_values_and_shows_everything(
    client: Client, query: str, message: str
) -> None:
    response = client.get(f"/exercises/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "<script>" not in page
    assert sorted(slugs_on(page)) == sorted(load_catalog().slugs())


def test_it_accepts_only_reading(client: Client) -> None:
    assert client.post("/exercises/").status_code == 405
