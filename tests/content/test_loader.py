from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rollcoach.catalog.model import (
    Area,
    Density,
    Dose,
    DoseKind,
    Exercise,
    ExerciseKind,
    Position,
    Zone,
)
from rollcoach.content.loader import STOP_LINE, ContentError, load_catalog

STOP = "Keep it below 6/10; sharp pain, tingling or numbness means stop."
ROLLING: dict[str, Any] = {
    "slug": "lat-release",
    "kind": "rolling",
    "name": "Side-of-trunk release",
    "summary": "Roll the side of the trunk.",
    "target_muscles": ["latissimus dorsi"],
    "position": "side-lying",
    "setup": "Lie on your side with the roller under your armpit.",
    "steps": ["Roll down to the ribs.", "Roll back up."],
    "cues": ["Slow: one pass every 2-4 s.", STOP],
    "dose": {"kind": "time", "seconds": 60, "sets": 1, "per_side": True, "pass_seconds": [2, 4]},
    "densities": ["soft", "medium"],
    "zones": ["lats"],
    "areas": ["mid-back"],
    "contraindications": ["osteoporosis", "open-wound"],
    "source": "Behm et al. 2020",
    "picture": "lat-release.svg",
    "regression": "wall-stretch",
    "core": True,
}
STRETCH: dict[str, Any] = {
    "slug": "wall-stretch",
    "kind": "stretch",
    "name": "Wall stretch",
    "summary": "Stretch at a wall.",
    "target_muscles": ["latissimus dorsi"],
    "position": "standing",
    "setup": "Face a wall.",
    "steps": ["Sink your chest.", STOP],
    "cues": ["Breathe."],
    "dose": {"kind": "reps", "reps": 5, "hold_seconds": 10, "sets": 2, "rest_seconds": 20},
    "densities": [],
    "zones": [],
    "areas": ["mid-back", "upper-back"],
    "contraindications": [],
    "source": "Product judgement",
    "picture": "wall-stretch.svg",
    "needs_floor": False,
    "uses_wall": True,
    "progression": "lat-release",
    "tags": ["no-roller"],
}


def write(tmp_path: Path, *exercises: dict[str, Any]) -> Path:
    folder = tmp_path / "exercises"
    pictures = tmp_path / "pictures"
    folder.mkdir(exist_ok=True)
    pictures.mkdir(exist_ok=True)
    for data in exercises:
        (folder / f"{data['slug']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        (pictures / f"{data['slug']}.svg").write_text("<svg/>")
    return folder


def test_it_loads_plain_dataclasses(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, ROLLING, STRETCH))
    assert catalog.get("lat-release") == Exercise(
        slug="lat-release",
        name="Side-of-trunk release",
        summary="Roll the side of the trunk.",
        target_muscles=("latissimus dorsi",),
        position=Position.SIDE_LYING,
        setup="Lie on your side with the roller under your armpit.",
        steps=("Roll down to the ribs.", "Roll back up."),
        cues=("Slow: one pass every 2-4 s.", STOP),
        dose=Dose(DoseKind.TIME, sets=1, seconds=60, per_side=True, pass_seconds=(2, 4)),
        densities=(Density.SOFT, Density.MEDIUM),
        zones=(Zone.LATS,),
        areas=(Area.MID_BACK,),
        contraindications=("osteoporosis", "open-wound"),
        source="Behm et al. 2020",
        picture="lat-release.svg",
        regression="wall-stretch",
        core=True,
        kind=ExerciseKind.ROLLING,
    )


def test_it_reads_rep_doses_and_optional_fields(tmp_path: Path) -> None:
    stretch = load_catalog(write(tmp_path, ROLLING, STRETCH)).get("wall-stretch")
    assert stretch.dose == Dose(DoseKind.REPS, sets=2, reps=5, hold_seconds=10, rest_seconds=20)
    assert (stretch.needs_floor, stretch.uses_wall, stretch.core) == (False, True, False)
    assert stretch.tags == ("no-roller",)
    assert not stretch.needs_roller
    assert stretch.kind is ExerciseKind.STRETCH


def test_it_states_the_stop_line_with_the_discomfort_cap() -> None:
    # The cap is DISCOMFORT_CAP (safety/discomfort.py); the words are the ones every file uses.
    assert STOP_LINE == STOP


def test_it_takes_the_pictures_folder_as_a_parameter(tmp_path: Path) -> None:
    folder = write(tmp_path, ROLLING, STRETCH)
    elsewhere = tmp_path / "art"
    (tmp_path / "pictures").rename(elsewhere)
    assert len(load_catalog(folder, pictures=elsewhere)) == 2
    with pytest.raises(ContentError, match="picture: no such file"):
        load_catalog(folder)


def test_it_caches_the_bundled_catalogue() -> None:
    assert load_catalog() is load_catalog()
    assert len(load_catalog()) >= 16


Change = Callable[[dict[str, Any]], None]


def drop(key: str) -> Change:
    return lambda data: data.pop(key)


def put(key: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        data[key] = value

    return change


def put_dose(key: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["dose"][key] = value

    return change


def drop_dose(key: str) -> Change:
    return lambda data: data["dose"].pop(key)


def as_stretch(data: dict[str, Any]) -> None:
    data["kind"] = "stretch"
    data["densities"] = []
    data["zones"] = []


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (drop("summary"), "summary", "is required"),
        (drop("kind"), "kind", "is required"),
        (put("kind", "gentle"), "kind", "must be one of rolling, stretch, active, got 'gentle'"),
        (put("kind", "stretch"), "kind", "'stretch' is done without a roller"),
        (put("kind", "active"), "kind", "'active' is done without a roller"),
        (put("cues", ["Slow."]), "steps and cues", "must say when to stop exactly once"),
        (put("cues", [STOP, STOP.upper()]), "steps and cues", "found"),
        (
            put("steps", ["Roll down to the ribs.", STOP]),
            "steps and cues",
            "must say when to stop exactly once",
        ),
        (
            put("cues", ["Stop if it goes above 7/10."]),
            "steps and cues",
            "found 'Stop if it goes above 7/10.'",
        ),
        (
            put("cues", [STOP, "If your hand tingles, ease off."]),
            "steps and cues",
            "must say when to stop exactly once",
        ),
        (
            put("cues", ["Keep it below 7/10; sharp pain, tingling or numbness means stop."]),
            "steps and cues",
            "must say when to stop exactly once",
        ),
        (drop("dose"), "dose", "is required"),
        (put("colour", "red"), "colour", "unknown field"),
        (put("name", 3), "name", "must be non-empty text, got 3"),
        (put("name", "  "), "name", "must be non-empty text"),
        (put("slug", "other-slug"), "slug", "must match the file name 'lat-release'"),
        (put("position", "hanging"), "position", "must be one of supine, prone"),
        (put("steps", []), "steps", "must not be empty"),
        (put("steps", "Roll."), "steps", "must be a list, got 'Roll.'"),
        (put("steps", ["Roll.", 7]), "steps[1]", "must be non-empty text, got 7"),
        (put("cues", ["Slow.", "Slow."]), "cues", "lists the same entry twice"),
        (put("zones", ["elbow"]), "zones[0]", "must be one of thoracic, scapula"),
        (put("zones", ["lats", "lumbar"]), "zones", "'lumbar' is never rolled"),
        (put("zones", ["neck"]), "zones", "'neck' is never rolled"),
        (put("zones", []), "zones", "an exercise with a roller must say where it presses"),
        (as_stretch, "dose.pass_seconds", "only for exercises that use a roller"),
        (put("densities", []), "zones", "must be empty when no roller is used"),
        (put("densities", ["soft", "soft"]), "densities", "lists the same entry twice"),
        (put("densities", ["squishy"]), "densities[0]", "must be one of soft, medium, firm"),
        (put("areas", []), "areas", "must not be empty"),
        (put("areas", ["knee"]), "areas[0]", "must be one of neck-shoulders"),
        (put("contraindications", ["asthma"]), "contraindications[0]", "unknown condition"),
        (put("regression", "nope"), "regression", "unknown exercise 'nope'"),
        (put("progression", "nope"), "progression", "unknown exercise 'nope'"),
        (put("regression", "lat-release"), "regression", "cannot point to the exercise itself"),
        (put("picture", "missing.svg"), "picture", "no such file 'missing.svg'"),
        (put("picture", "../lat-release.svg"), "picture", "must be an .svg file name"),
        (put("picture", "lat-release.png"), "picture", "must be an .svg file name"),
        (put("needs_floor", "maybe"), "needs_floor", "must be true or false, got 'maybe'"),
        (put("core", 1), "core", "must be true or false, got 1"),
        (put("dose", 60), "dose", "must be a mapping, got 60"),
        (put_dose("speed", 3), "dose.speed", "unknown field"),
        (drop_dose("kind"), "dose.kind", "is required"),
        (put_dose("kind", "forever"), "dose.kind", "must be one of time, reps"),
        (put_dose("seconds", "abc"), "dose.seconds", "must be a positive whole number, got 'abc'"),
        (put_dose("seconds", 200), "dose.seconds", "must be between 30 and 120, got 200"),
        (put_dose("seconds", 10), "dose.seconds", "must be between 30 and 120, got 10"),
        (put_dose("seconds", 45.5), "dose.seconds", "must be a positive whole number, got 45.5"),
        (drop_dose("seconds"), "dose.seconds", "must be a positive whole number, got nothing"),
        (put_dose("sets", 4), "dose.sets", "must be between 1 and 3, got 4"),
        (put_dose("sets", True), "dose.sets", "must be a positive whole number, got True"),
        (put_dose("reps", 10), "dose.reps", "only for rep doses"),
        (put_dose("pass_seconds", [1, 4]), "dose.pass_seconds", "must lie within 2-4 s"),
        (put_dose("pass_seconds", [4, 2]), "dose.pass_seconds", "with the smaller first"),
        (put_dose("pass_seconds", [3]), "dose.pass_seconds", "must be two whole numbers"),
        (drop_dose("pass_seconds"), "dose.pass_seconds", "is required when rolling for time"),
        (put_dose("per_side", "yes please"), "dose.per_side", "must be true or false"),
        (put_dose("rest_seconds", -5), "dose.rest_seconds", "must be a whole number, got -5"),
    ],
)
def test_it_names_the_file_and_field_of_a_bad_value(
    tmp_path: Path, change: Change, field: str, problem: str
) -> None:
    broken = copy.deepcopy(ROLLING)
    change(broken)
    folder = write(tmp_path, STRETCH, {**broken, "slug": broken.get("slug", "lat-release")})
    if broken.get("slug") != "lat-release":
        # The file keeps its name while its slug field says something else.
        (folder / f"{broken['slug']}.yaml").rename(folder / "lat-release.yaml")
    with pytest.raises(ContentError) as caught:
        load_catalog(folder)
    message = str(caught.value)
    assert message.startswith(f"lat-release.yaml: {field}: "), message
    assert problem in message


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (put_dose("seconds", 60), "dose.seconds", "only for time doses"),
        (put_dose("reps", 0), "dose.reps", "must be between 1 and 20, got 0"),
        (put_dose("reps", 25), "dose.reps", "must be between 1 and 20, got 25"),
        (put_dose("hold_seconds", 40), "dose.hold_seconds", "must be between 0 and 30, got 40"),
        (put("zones", ["thoracic"]), "zones", "must be empty when no roller is used"),
        (put("kind", "rolling"), "kind", "'rolling' needs a roller"),
        (put("steps", ["Sink your chest."]), "steps and cues", "found none"),
        (put("cues", ["Breathe.", STOP]), "steps and cues", "must say when to stop exactly once"),
        # Being active, its harder version must be active too; lat-release is rolling.
        (put("kind", "active"), "progression", "an active move must link to an active move"),
    ],
)
def test_it_checks_rep_doses_and_no_roller_exercises(
    tmp_path: Path, change: Change, field: str, problem: str
) -> None:
    broken = copy.deepcopy(STRETCH)
    change(broken)
    with pytest.raises(ContentError) as caught:
        load_catalog(write(tmp_path, ROLLING, broken))
    assert str(caught.value).startswith(f"wall-stretch.yaml: {field}: ")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("slug: [lat-release\nname: x\n", "lat-release.yaml: line 2: invalid YAML"),
        ("slug: a\nslug: b\n", "lat-release.yaml: line 2: invalid YAML (duplicate key 'slug')"),
        ("- just\n- a list\n", "lat-release.yaml: top level: must be a mapping of fields"),
        ("", "lat-release.yaml: top level: must be a mapping of fields"),
    ],
)
def test_it_names_the_file_when_the_yaml_is_broken(tmp_path: Path, text: str, problem: str) -> None:
    folder = write(tmp_path, STRETCH)
    (folder / "lat-release.yaml").write_text(text)
    with pytest.raises(ContentError) as caught:
        load_catalog(folder)
    assert str(caught.value).startswith(problem), str(caught.value)


def test_it_reads_the_kind_of_each_exercise(tmp_path: Path) -> None:
    active = {**STRETCH, "kind": "active", "progression": None}
    catalog = load_catalog(write(tmp_path, ROLLING, active))
    assert catalog.get("wall-stretch").kind is ExerciseKind.ACTIVE
    assert catalog.get("lat-release").kind is ExerciseKind.ROLLING


def test_it_lets_an_active_move_link_only_to_active_moves(tmp_path: Path) -> None:
    easier = {**STRETCH, "slug": "easy-move", "kind": "active", "progression": "wall-stretch"}
    active = {**STRETCH, "kind": "active", "regression": "easy-move", "progression": None}
    catalog = load_catalog(write(tmp_path, ROLLING, easier, active))
    assert catalog.regression_of("wall-stretch") == catalog.get("easy-move")
    stretch = {**easier, "kind": "stretch"}
    with pytest.raises(ContentError) as caught:
        load_catalog(write(tmp_path, ROLLING, stretch, active))
    assert str(caught.value) == (
        "wall-stretch.yaml: regression: an active move must link to an active move; "
        "'easy-move' is 'stretch'"
    )


def test_it_lets_a_rolling_move_step_down_to_an_active_one(tmp_path: Path) -> None:
    active = {**STRETCH, "kind": "active", "progression": None}
    catalog = load_catalog(write(tmp_path, ROLLING, active))
    assert catalog.regression_of("lat-release") == catalog.get("wall-stretch")


def test_it_refuses_one_slug_in_two_files(tmp_path: Path) -> None:
    folder = write(tmp_path, ROLLING, STRETCH)
    (folder / "lat-release.yml").write_text((folder / "lat-release.yaml").read_text())
    with pytest.raises(ContentError, match="'lat-release' is also used by lat-release.yaml"):
        load_catalog(folder)


def test_it_refuses_an_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no exercise files"):
        load_catalog(tmp_path)
    with pytest.raises(ContentError, match="not a folder"):
        load_catalog(tmp_path / "nowhere")
