from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from rollcoach.content.loader import load_catalog, picture_path
from rollcoach.safety.precautions import CONDITIONS

pytestmark = pytest.mark.django_db


def page_of(client: Client, slug: str) -> str:
    response = client.get(f"/exercises/{slug}/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_it_shows_everything_needed_to_do_the_exercise(client: Client) -> None:
    lat = load_catalog().get("lat-release")
    page = page_of(client, "lat-release")
    assert f"<h1>{lat.name}</h1>" in page
    assert 'src="/exercises/lat-release/picture.svg"' in page
    for text in (lat.summary, lat.setup, lat.source, *lat.target_muscles[:1]):
        assert text in page
    steps = "".join(f"<li>{step}</li>" for step in lat.steps)
    assert f'<ol class="steps">{steps}</ol>' in page
    for cue in lat.cues:
        assert f"<li>{cue}</li>" in page
    assert lat.dose.describe() in page
    assert "Slowly: one pass every 2-4 seconds." in page
    assert "Soft, medium or firm roller" in page
    assert "Lying on your side" in page


def test_it_says_who_should_not_do_it_in_plain_words(client: Client) -> None:
    lat = load_catalog().get("lat-release")
    page = page_of(client, "lat-release")
    section = page[page.index("Who should not do this") :]
    for condition in lat.contraindications:
        assert f"<li>{CONDITIONS[condition]}</li>" in section
    assert "Never roll the lower back or the neck directly." in section


def test_it_links_easier_and_harder_versions(client: Client) -> None:
    page = page_of(client, "thoracic-spine-release")
    assert 'Easier: <a href="/exercises/seated-thoracic-extension/">' in page
    assert 'Harder: <a href="/exercises/upper-back-extension/">' in page


def test_it_leaves_out_versions_an_exercise_does_not_have(client: Client) -> None:
    assert "Easier and harder versions" not in page_of(client, "seated-thoracic-rotation")


@pytest.mark.parametrize("slug", load_catalog().slugs())
def test_it_renders_every_exercise_with_a_described_picture(client: Client, slug: str) -> None:
    page = page_of(client, slug)
    svg = picture_path(load_catalog().get(slug)).read_text()
    described = " ".join(re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1).split())
    img = re.search(r'<img class="picture large"[^>]*>', page)
    assert img is not None and f'alt="{described}"' in img.group(0)
    assert "Never roll the lower back or the neck directly." in page


@pytest.mark.parametrize("slug", ["no-such-exercise", "lat-release-2", "LAT-RELEASE"])
def test_it_answers_404_for_an_unknown_exercise(client: Client, slug: str) -> None:
    assert client.get(f"/exercises/{slug}/").status_code == 404
