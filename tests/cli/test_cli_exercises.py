import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import Run

pytestmark = pytest.mark.django_db

CORE_DOSES = {
    "thoracic-spine-release": ("time", 90, False),
    "upper-back-extension": ("reps", 10, False),
    "lat-release": ("time", 60, True),
    "rhomboid-release": ("time", 60, True),
}


def test_it_lists_at_least_twelve_exercises_as_json(run: Run) -> None:
    exercises = run("exercises", "--json").json()
    assert len(exercises) >= 12
    assert all({"slug", "dose"} <= set(exercise) for exercise in exercises)


@pytest.mark.parametrize(("slug", "dose"), CORE_DOSES.items())
def test_it_gives_the_core_exercises_their_doses(
    run: Run, slug: str, dose: tuple[str, int, bool]
) -> None:
    exercise = run("exercises", slug, "--json").json()
    kind, amount, per_side = dose
    assert exercise["dose"]["kind"] == kind
    assert exercise["dose"]["seconds" if kind == "time" else "reps"] == amount
    assert exercise["dose"]["per_side"] is per_side


def test_it_filters_moves_that_need_no_roller(run: Run) -> None:
    found = run("exercises", "--no-roller", "--json").json()
    assert found and all(not exercise["densities"] for exercise in found)


def test_it_says_an_unknown_slug_is_unknown(run: Run) -> None:
    result = run("exercises", "foot-massage")
    assert result.code == 1
    assert "unknown exercise 'foot-massage'" in result.stderr


@pytest.fixture
def broken_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The catalogue read from a copy with one bad dose, as ROLLCOACH_CONTENT_DIR would point
    at it (test_cli_smoke.py sets that variable for the real command)."""
    from rollcoach.content import loader

    folder = tmp_path / "content"
    shutil.copytree(loader.CONTENT_DIR / "exercises", folder / "exercises")
    shutil.copytree(loader.CONTENT_DIR / "pictures", folder / "pictures")
    broken = folder / "exercises" / "lat-release.yaml"
    broken.write_text(broken.read_text().replace("seconds: 60", "seconds: abc"))
    monkeypatch.setattr(loader, "EXERCISES_DIR", folder / "exercises")
    monkeypatch.setattr(loader, "PICTURES_DIR", folder / "pictures")
    loader._default_catalog.cache_clear()
    yield
    loader._default_catalog.cache_clear()


@pytest.mark.parametrize("command", ["exercises", "check-content"])
def test_it_names_the_broken_file_when_content_is_invalid(
    run: Run, broken_content: None, command: str
) -> None:
    result = run(command)
    assert result.code == 1
    assert "lat-release.yaml" in result.stderr and "dose.seconds" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_it_says_the_content_is_valid(run: Run) -> None:
    result = run("check-content")
    assert result.code == 0, result.stderr
    found = re.match(
        r"Content is valid: (\d+) exercises, (\d+) articles, screens\.\n$", result.stdout
    )
    assert found and int(found[1]) >= 12 and int(found[2]) >= 1, result.stdout
