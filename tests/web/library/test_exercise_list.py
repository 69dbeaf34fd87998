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


def alert_of(page: str) -> str:
    return page.split('id="filter-errors" role="alert">', 1)[1].split("</div>", 1)[0]


# Choosing a roller and "No roller needed" is something the page's own form lets a person do:
# it is answered 200, with the other filters applied and the conflict explained, because the
# request is understood and has an answer a person expects (what else they asked for).
@pytest.mark.parametrize(
    "query, area",
    [
        ("roller=soft&no_roller=on", None),
        ("area=hips&roller=soft&no_roller=on", Area.HIPS),
        ("area=upper-back&roller=firm&no_roller=on", Area.UPPER_BACK),
    ],
)
def test_it_keeps_the_other_filters_when_two_conflict(
    client: Client, query: str, area: Area | None
) -> None:
    response = client.get(f"/exercises/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    expected = load_catalog().filter(area=area)
    assert sorted(slugs_on(page)) == sorted(e.slug for e in expected)
    notice = page.split('id="filter-conflict">', 1)[1].split("</div>", 1)[0]
    roller = query.split("roller=")[1].split("&")[0]
    assert f"You chose a {roller} roller and “No roller needed”" in notice
    assert "neither is used" in notice and "Untick “No roller needed”" in notice
    assert 'aria-describedby="filter-conflict"' in page
    assert 'role="alert"' not in page  # nothing went wrong: the page explains a choice
    assert f'<option value="{roller}" selected>' in page  # the choices stay as the person made
    assert 'id="id_no_roller" checked' in page
    assert 'href="/exercises/">Clear filters</a>' in page
    if area is not None:
        assert f"match{'es' if len(expected) == 1 else ''} {area.label.lower()}</h2>" in page


def test_it_keeps_an_unknown_value_out_and_the_conflict_explained_together(
    client: Client,
) -> None:
    response = client.get("/exercises/?area=knees&roller=soft&no_roller=on")
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no area called “knees”" in alert_of(page)
    assert 'id="filter-conflict"' in page
    assert 'aria-describedby="filter-errors filter-conflict"' in page
    assert sorted(slugs_on(page)) == sorted(load_catalog().slugs())


# A value the form never offers comes from a mistyped or stale link: a bad request, 400, but the
# person still sees what the valid filters select rather than everything.
@pytest.mark.parametrize(
    "query, message, area, density, no_roller",
    [
        ("area=knees", "There is no area called “knees”", None, None, False),
        ("roller=squishy", "There is no roller called “squishy”", None, None, False),
        ("area=%3Cscript%3E", "There is no area called “&lt;script&gt;”", None, None, False),
        ("area=knees&roller=firm", "There is no area called “knees”", None, Density.FIRM, False),
        ("area=hips&roller=squishy", "There is no roller called “squishy”", Area.HIPS, None, False),
        ("area=knees&no_roller=on", "There is no area called “knees”", None, None, True),
        (
            "area=hips&area=lower-back&roller=firm&roller=x",  # the last of each counts
            "There is no roller called “x”",
            Area.LOWER_BACK,
            None,
            False,
        ),
    ],
)
def test_it_explains_an_unknown_value_and_keeps_the_valid_filters(
    client: Client,
    query: str,
    message: str,
    area: Area | None,
    density: Density | None,
    no_roller: bool,
) -> None:
    response = client.get(f"/exercises/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    alert = alert_of(page)
    assert message in alert
    assert "<script>" not in page
    expected = load_catalog().filter(area=area, density=density, no_roller=no_roller)
    assert sorted(slugs_on(page)) == sorted(e.slug for e in expected)
    if area or density or no_roller:
        assert "so the list below uses only the others" in alert
        assert len(expected) < len(load_catalog())
    else:
        assert "so every exercise is shown" in alert


def test_it_keeps_the_valid_filter_selected_beside_an_unknown_one(client: Client) -> None:
    page = client.get("/exercises/?area=hips&roller=squishy").content.decode()
    assert '<option value="hips" selected>' in page
    assert "never the lower back itself" not in page
    lower = client.get("/exercises/?area=lower-back&roller=squishy").content.decode()
    assert "never the lower back itself" in lower


def test_it_accepts_only_reading(client: Client) -> None:
    assert client.post("/exercises/").status_code == 405
