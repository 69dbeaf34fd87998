from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from rollcoach.catalog.catalog import Catalog
from rollcoach.catalog.model import NEVER_ROLLED, Area, Dose, DoseKind, Exercise, Position, Zone
from rollcoach.content.loader import load_catalog, picture_path

CATALOG: Catalog = load_catalog()
EXERCISES = list(CATALOG)
ROLLER = [e for e in EXERCISES if e.needs_roller]
NO_ROLLER = [e for e in EXERCISES if not e.needs_roller]
SVG = "{http://www.w3.org/2000/svg}"
LIMBS = {Zone.QUADS, Zone.HAMSTRINGS, Zone.CALVES, Zone.HIP_FLEXORS}


def by_slug(exercises: list[Exercise]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("exercise", exercises, ids=[e.slug for e in exercises])


def test_it_has_enough_exercises_to_build_varied_plans() -> None:
    assert len(CATALOG) >= 16
    assert len(NO_ROLLER) >= 5


@pytest.mark.parametrize(
    ("slug", "dose", "needs_floor", "uses_wall"),
    [
        (
            "thoracic-spine-release",
            Dose(DoseKind.TIME, sets=1, seconds=90, pass_seconds=(2, 4)),
            True,
            False,
        ),
        ("upper-back-extension", Dose(DoseKind.REPS, sets=1, reps=10, hold_seconds=3), True, False),
        (
            "lat-release",
            Dose(DoseKind.TIME, sets=1, seconds=60, per_side=True, pass_seconds=(2, 4)),
            True,
            False,
        ),
        (
            "rhomboid-release",
            Dose(DoseKind.TIME, sets=1, seconds=60, per_side=True, pass_seconds=(2, 4)),
            False,
            True,
        ),
    ],
)
def test_it_keeps_the_four_core_exercises_and_their_doses(
    slug: str, dose: Dose, needs_floor: bool, uses_wall: bool
) -> None:
    exercise = CATALOG.get(slug)
    assert exercise.core
    # A rep dose may also state its rolling pace; the rest must match exactly.
    assert exercise.dose.kind is dose.kind
    assert (exercise.dose.sets, exercise.dose.seconds) == (dose.sets, dose.seconds)
    assert (exercise.dose.reps, exercise.dose.hold_seconds) == (dose.reps, dose.hold_seconds)
    assert exercise.dose.per_side is dose.per_side
    if dose.pass_seconds is not None:
        assert exercise.dose.pass_seconds == dose.pass_seconds
    assert (exercise.needs_floor, exercise.uses_wall) == (needs_floor, uses_wall)


def test_it_marks_only_the_four_core_exercises_as_core() -> None:
    assert sorted(e.slug for e in CATALOG.core()) == [
        "lat-release",
        "rhomboid-release",
        "thoracic-spine-release",
        "upper-back-extension",
    ]


@by_slug(EXERCISES)
def test_it_never_rolls_the_lower_back_or_the_neck(exercise: Exercise) -> None:
    assert not set(exercise.zones) & NEVER_ROLLED


@by_slug([e for e in EXERCISES if Zone.THORACIC in e.zones])
def test_it_keeps_spinal_pressure_from_weak_or_broken_bones(exercise: Exercise) -> None:
    assert {"osteoporosis", "fracture"} <= set(exercise.contraindications)


@by_slug([e for e in EXERCISES if e.position is Position.SUPINE])
def test_it_keeps_lying_on_the_back_out_of_later_pregnancy(exercise: Exercise) -> None:
    assert "pregnancy-after-first-trimester" in exercise.contraindications


@by_slug([e for e in EXERCISES if e.position is Position.PRONE])
def test_it_keeps_lying_face_down_out_of_pregnancy(exercise: Exercise) -> None:
    assert {"pregnancy", "pregnancy-after-first-trimester"} & set(exercise.contraindications)


@by_slug([e for e in ROLLER if set(e.zones) & LIMBS])
def test_it_keeps_limb_rolling_off_clots_and_varicose_veins(exercise: Exercise) -> None:
    assert {"dvt", "varicose-veins"} <= set(exercise.contraindications)


@by_slug(ROLLER)
def test_it_never_rolls_over_a_wound_inflammation_or_fresh_injury(exercise: Exercise) -> None:
    assert {"open-wound", "local-inflammation", "acute-injury"} <= set(exercise.contraindications)


@by_slug(ROLLER)
def test_it_offers_an_easier_version_of_every_roller_exercise(exercise: Exercise) -> None:
    assert exercise.regression is not None


@by_slug(ROLLER)
def test_it_ends_every_regression_chain_without_a_roller(exercise: Exercise) -> None:
    seen = {exercise.slug}
    step = CATALOG.regression_of(exercise.slug)
    while step is not None and step.needs_roller:
        assert step.slug not in seen, f"regression loop through {step.slug}"
        seen.add(step.slug)
        step = CATALOG.regression_of(step.slug)
    assert step is not None and not step.needs_roller


@by_slug([e for e in EXERCISES if e.regression or e.progression])
def test_it_links_exercises_that_serve_the_same_areas(exercise: Exercise) -> None:
    for linked in (CATALOG.regression_of(exercise.slug), CATALOG.progression_of(exercise.slug)):
        if linked is not None:
            assert set(linked.areas) & set(exercise.areas), linked.slug


@by_slug([e for e in EXERCISES if e.progression])
def test_it_mirrors_each_progression_with_a_regression(exercise: Exercise) -> None:
    harder = CATALOG.progression_of(exercise.slug)
    assert harder is not None and harder.regression == exercise.slug


@by_slug(NO_ROLLER)
def test_it_keeps_no_roller_exercises_off_the_floor(exercise: Exercise) -> None:
    assert not exercise.needs_floor
    assert exercise.zones == ()
    assert exercise.dose.pass_seconds is None


@pytest.mark.parametrize("area", list(Area))
def test_it_offers_every_pain_area_both_roller_and_no_roller_work(area: Area) -> None:
    assert [e for e in CATALOG.filter(area=area) if e.needs_roller]
    assert CATALOG.filter(area=area, no_roller=True)


@by_slug([e for e in ROLLER if e.dose.kind is DoseKind.TIME])
def test_it_rolls_slowly_and_says_so(exercise: Exercise) -> None:
    assert exercise.dose.pass_seconds is not None
    low, high = exercise.dose.pass_seconds
    assert 2 <= low <= high <= 4
    assert 30 <= exercise.dose.seconds <= 120
    assert 1 <= exercise.dose.sets <= 3
    assert any("2-4 s" in cue for cue in exercise.cues)
    assert any("breath" in cue.lower() for cue in exercise.cues)


@by_slug(EXERCISES)
def test_it_tells_people_when_to_stop(exercise: Exercise) -> None:
    assert any("6/10" in cue and "stop" in cue for cue in exercise.cues)


@by_slug(EXERCISES)
def test_it_cites_a_source(exercise: Exercise) -> None:
    assert len(exercise.source) > 20


@by_slug(EXERCISES)
def test_it_has_a_safe_accessible_picture(exercise: Exercise) -> None:
    path = picture_path(exercise)
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 4096
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 320 200"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text
    assert root.find(f"{SVG}desc") is not None
    for element in root.iter():
        assert element.tag != f"{SVG}script"
        assert not any(name.endswith("href") for name in element.attrib)
        assert not any(name.startswith("on") for name in element.attrib)
    if exercise.needs_roller:
        assert "#e07a2e" in text, "the roller is drawn in the accent colour"


def test_it_gives_every_picture_unique_element_ids() -> None:
    # Pictures are inlined together on one page, so ids must not collide.
    ids: list[str] = []
    for exercise in EXERCISES:
        root = ET.fromstring(picture_path(exercise).read_text(encoding="utf-8"))
        ids += [element.get("id", "") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
