from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from rollcoach.web.coach.player import PRECACHE, _worker


def test_it_serves_the_worker_for_the_whole_site(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"


def test_it_fills_in_the_version_and_the_files(client: Client) -> None:
    source = client.get("/sw.js").content.decode()
    assert "__VERSION__" not in source and "__PRECACHE__" not in source
    assert re.search(r'const VERSION = "[0-9a-f]{12}";', source)
    assert '"/static/coach/player.js"' in source
    assert 'const PAGES = ["/session/", "/today/"];' in source


def test_it_precaches_only_files_that_exist() -> None:
    missing = [name for name in PRECACHE if not finders.find(name)]
    assert not missing


def test_it_serves_the_same_worker_to_everyone(client: Client, owner_client: Client) -> None:
    assert client.get("/sw.js").content == owner_client.get("/sw.js").content


def test_it_serves_a_valid_manifest(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/today/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"] == "rollcoach"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/static/")
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_it_precaches_the_plain_names_that_modules_import(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    _worker.cache_clear()
    try:
        source = client.get("/sw.js").content.decode()
    finally:
        _worker.cache_clear()
    assert re.search(r'"/static/coach/player\.[0-9a-f]{12}\.js"', source)
    assert '"/static/coach/runner.js"' in source
    assert '"/static/coach/store.js"' in source
