from __future__ import annotations

import pytest
from django.test import Client

from rollcoach.content.loader import load_catalog, picture_path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", load_catalog().slugs())
def test_it_serves_the_svg_file_itself(client: Client, slug: str) -> None:
    response = client.get(f"/exercises/{slug}/picture.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == picture_path(load_catalog().get(slug)).read_bytes()


def test_it_lets_browsers_cache_it_for_a_day(client: Client) -> None:
    response = client.get("/exercises/lat-release/picture.svg")
    assert response["Cache-Control"] == "public, max-age=86400"


def test_it_forbids_scripts_inside_the_picture(client: Client) -> None:
    csp = client.get("/exercises/lat-release/picture.svg")["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script-src" not in csp


def test_it_answers_head_requests(client: Client) -> None:
    assert client.head("/exercises/lat-release/picture.svg").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/exercises/no-such-exercise/picture.svg",
        "/exercises/..%2F..%2Fsettings/picture.svg",
        "/exercises/lat-release/other.svg",
    ],
)
def test_it_answers_404_for_anything_else(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_it_accepts_only_reading(client: Client) -> None:
    assert client.post("/exercises/lat-release/picture.svg").status_code == 405
