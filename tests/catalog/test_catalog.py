from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pytest

from exercises_support import exercise
from exercises_support import no_roller as rollerless
from rollcoach.catalog.catalog import Catalog, UnknownExercise
from rollcoach.catalog.model import Area, Density, Dose, DoseKind, Exercise, ExerciseKind, Zone
from rollcoach.catalog.serialize import exercise_to_dict

STRETCH = Dose(DoseKind.TIME, sets=2, seconds=30)


def no_roller(slug: str, **overrides: Any) -> Exercise:
    return rollerless(slug, dose=STRETCH, **overrides)


@pytest.fixture
def catalog() -> Catalog:
    return Catalog(
        [
            exercise(
                "upper-back-roll", core=True, regression="chair-stretch", progression="bridge-roll"
            ),
            exercise("bridge-roll", regression="upper-back-roll"),
            exercise(
                "hip-roll",
                densities=(Density.SOFT, Density.MEDIUM),
                zones=(Zone.HIP_FLEXORS,),
                areas=(Area.HIPS, Area.LOWER_BACK),
                core=True,
            ),
            no_roller("chair-stretch", progression="upper-back-roll"),
            no_roller("hip-stretch", areas=(Area.HIPS, Area.LOWER_BACK)),
        ]
    )


def slugs(exercises: list[Exercise]) -> list[str]:
    return [e.slug for e in exercises]


def test_it_gets_an_exercise_by_slug(catalog: Catalog) -> None:
    assert catalog.get("hip-roll").zones == (Zone.HIP_FLEXORS,)


def test_it_names_an_unknown_slug_and_where_to_look(catalog: Catalog) -> None:
    with pytest.raises(UnknownExercise) as caught:
        catalog.get("neck-roll")
    assert str(caught.value) == "unknown exercise 'neck-roll'; see `rollcoach exercises`"
    assert caught.value.slug == "neck-roll"


def test_it_lets_callers_catch_an_unknown_slug_as_a_key_error(catalog: Catalog) -> None:
    with pytest.raises(KeyError):
        catalog.get("neck-roll")


def test_it_iterates_in_the_order_given_and_counts(catalog: Catalog) -> None:
    assert slugs(list(catalog)) == [
        "upper-back-roll",
        "bridge-roll",
        "hip-roll",
        "chair-stretch",
        "hip-stretch",
    ]
    assert len(catalog) == 5
    assert catalog.slugs()[0] == "upper-back-roll"


@pytest.mark.parametrize(
    ("item", "expected"),
    [("hip-roll", True), ("neck-roll", False), (42, False), (None, False)],
)
def test_it_answers_membership_by_slug(catalog: Catalog, item: object, expected: bool) -> None:
    assert (item in catalog) is expected


def test_it_lists_the_core_exercises(catalog: Catalog) -> None:
    assert slugs(catalog.core()) == ["upper-back-roll", "hip-roll"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, ["upper-back-roll", "bridge-roll", "hip-roll", "chair-stretch", "hip-stretch"]),
        ({"area": Area.HIPS}, ["hip-roll", "hip-stretch"]),
        ({"area": Area.UPPER_BACK}, ["upper-back-roll", "bridge-roll", "chair-stretch"]),
        ({"area": Area.NECK_SHOULDERS}, []),
        ({"density": Density.FIRM}, ["upper-back-roll", "bridge-roll"]),
        ({"density": Density.SOFT}, ["upper-back-roll", "bridge-roll", "hip-roll"]),
        ({"no_roller": True}, ["chair-stretch", "hip-stretch"]),
        ({"area": Area.LOWER_BACK, "density": Density.MEDIUM}, ["hip-roll"]),
        ({"area": Area.LOWER_BACK, "no_roller": True}, ["hip-stretch"]),
    ],
)
def test_it_filters(catalog: Catalog, criteria: dict[str, Any], expected: list[str]) -> None:
    assert slugs(catalog.filter(**criteria)) == expected


def test_it_refuses_a_density_filter_for_no_roller_exercises(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="exclude each other"):
        catalog.filter(density=Density.SOFT, no_roller=True)


@pytest.mark.parametrize(
    ("slug", "easier", "harder"),
    [
        ("upper-back-roll", "chair-stretch", "bridge-roll"),
        ("bridge-roll", "upper-back-roll", None),
        ("chair-stretch", None, "upper-back-roll"),
        ("hip-roll", None, None),
    ],
)
def test_it_follows_regressions_and_progressions(
    catalog: Catalog, slug: str, easier: str | None, harder: str | None
) -> None:
    regression = catalog.regression_of(slug)
    progression = catalog.progression_of(slug)
    assert (regression.slug if regression else None) == easier
    assert (progression.slug if progression else None) == harder


def test_it_names_an_unknown_slug_when_asked_for_its_regression(catalog: Catalog) -> None:
    with pytest.raises(UnknownExercise, match="'nope'"):
        catalog.regression_of("nope")


def test_it_refuses_two_exercises_with_one_slug() -> None:
    with pytest.raises(ValueError, match="duplicate exercise slug 'hip-roll'"):
        Catalog([exercise("hip-roll"), exercise("hip-roll")])


def without_kind(model: Exercise) -> Exercise:
    return Exercise(
        **{f.name: getattr(model, f.name) for f in fields(Exercise) if f.name != "kind"}
    )


@pytest.mark.parametrize(
    ("built", "kind"),
    [
        (exercise("a-roll"), ExerciseKind.ROLLING),
        (no_roller("a-stretch"), ExerciseKind.STRETCH),
        (no_roller("a-move", kind=ExerciseKind.ACTIVE), ExerciseKind.ACTIVE),
        (without_kind(exercise("a-roll")), ExerciseKind.ROLLING),
        (without_kind(no_roller("a-stretch")), ExerciseKind.STRETCH),
        # The roller decides whether it is rolling, even in a copy that took the roller away.
        (replace(exercise("a-roll"), densities=(), zones=()), ExerciseKind.STRETCH),
        (exercise("a-roll", kind=ExerciseKind.ACTIVE), ExerciseKind.ROLLING),
        (replace(no_roller("a-move", kind=ExerciseKind.ACTIVE)), ExerciseKind.ACTIVE),
    ],
)
def test_it_keeps_the_kind_rolling_exactly_when_a_roller_is_used(
    built: Exercise, kind: ExerciseKind
) -> None:
    assert built.kind is kind


def test_it_refuses_a_kind_that_is_not_an_exercise_kind() -> None:
    with pytest.raises(TypeError, match="kind must be an ExerciseKind, got 'active'"):
        exercise("a-move", kind="active")


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (ExerciseKind.ROLLING, "Rolling"),
        (ExerciseKind.STRETCH, "Stretch"),
        (ExerciseKind.ACTIVE, "Active movement"),
    ],
)
def test_it_names_each_kind_in_plain_words(kind: ExerciseKind, label: str) -> None:
    assert kind.label == label


@pytest.mark.parametrize(
    ("built", "kind"),
    [
        (exercise("a-roll"), "rolling"),
        (no_roller("a-stretch"), "stretch"),
        (no_roller("a-move", kind=ExerciseKind.ACTIVE), "active"),
    ],
)
def test_it_serializes_the_kind(built: Exercise, kind: str) -> None:
    data = exercise_to_dict(built)
    assert data["kind"] == kind and type(data["kind"]) is str
    assert data["needs_roller"] is (kind == "rolling")
