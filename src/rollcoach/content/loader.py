from __future__ import annotations

import functools
import os
import re
from collections.abc import Hashable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import yaml

from rollcoach.catalog.catalog import Catalog
from rollcoach.catalog.model import (
    NEVER_ROLLED,
    Area,
    Density,
    Dose,
    DoseKind,
    Exercise,
    ExerciseKind,
    Position,
    Zone,
)
from rollcoach.content.errors import ContentError
from rollcoach.safety.discomfort import DISCOMFORT_CAP
from rollcoach.safety.precautions import CONDITIONS

# A clinic can point this at its own folder holding exercises/ and pictures/.
CONTENT_DIR = Path(os.environ.get("ROLLCOACH_CONTENT_DIR") or Path(__file__).resolve().parent)
EXERCISES_DIR = CONTENT_DIR / "exercises"
PICTURES_DIR = CONTENT_DIR / "pictures"

# Behm et al. 2020 (JSCR): 30-120 s a set, 1-3 sets, one pass every 2-4 s.
SET_SECONDS = (30, 120)
SETS = (1, 3)
PASS_SECONDS = (2, 4)
# Product judgement: rep counts and holds (the kneeling extension holds 15 s, stretches up to 30 s).
REPS = (1, 20)
HOLD_SECONDS = (0, 30)
REST_SECONDS = (0, 120)

# Every exercise says when to stop exactly once, among its steps and cues, in these words. The cap
# is product judgement (safety/discomfort.py); stopping for sharp pain, tingling or numbness is the
# rule the session player and the articles give too.
STOP_LINE = f"Keep it below {DISCOMFORT_CAP}/10; sharp pain, tingling or numbness means stop."
# A line that speaks of any of these is a stop rule, however it is worded.
STOP_WORDS = re.compile(r"/ ?10|out of 10|\bsharp pain|\btingl|\bnumb", re.IGNORECASE)

REQUIRED = (
    "slug",
    "kind",
    "name",
    "summary",
    "target_muscles",
    "position",
    "setup",
    "steps",
    "cues",
    "dose",
    "densities",
    "zones",
    "areas",
    "contraindications",
    "source",
    "picture",
)
OPTIONAL = ("needs_floor", "uses_wall", "regression", "progression", "core", "tags")
DOSE_KEYS = (
    "kind",
    "sets",
    "seconds",
    "reps",
    "hold_seconds",
    "per_side",
    "pass_seconds",
    "rest_seconds",
)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

E = TypeVar("E", bound=StrEnum)


def load_catalog(directory: Path | None = None, pictures: Path | None = None) -> Catalog:
    if directory is None and pictures is None:
        return _default_catalog()
    directory = directory or EXERCISES_DIR
    return _load(directory, pictures or directory.parent / "pictures")


def picture_path(exercise: Exercise, pictures: Path | None = None) -> Path:
    return (pictures or PICTURES_DIR) / exercise.picture


# The CLI and the web app ask for the catalogue on every command and request.
@functools.lru_cache(maxsize=1)
def _default_catalog() -> Catalog:
    return _load(EXERCISES_DIR, PICTURES_DIR)


def _load(directory: Path, pictures: Path) -> Catalog:
    if not directory.is_dir():
        raise ContentError(f"{directory}: not a folder of exercise files")
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not files:
        raise ContentError(f"{directory}: no exercise files (*.yaml)")
    exercises: list[Exercise] = []
    file_of: dict[str, str] = {}
    for path in files:
        exercise = _read_exercise(path, pictures)
        if exercise.slug in file_of:
            raise ContentError(
                f"{path.name}: slug: {exercise.slug!r} is also used by {file_of[exercise.slug]}"
            )
        file_of[exercise.slug] = path.name
        exercises.append(exercise)
    by_slug = {exercise.slug: exercise for exercise in exercises}
    for exercise in exercises:
        links = {"regression": exercise.regression, "progression": exercise.progression}
        for field, target in links.items():
            if target is None:
                continue
            file = file_of[exercise.slug]
            if target not in by_slug:
                raise ContentError(f"{file}: {field}: unknown exercise {target!r}")
            # An easier or harder version of active movement is active movement too, so a plan
            # that swaps one in keeps its active core.
            linked = by_slug[target].kind
            if exercise.kind is ExerciseKind.ACTIVE and linked is not ExerciseKind.ACTIVE:
                raise ContentError(
                    f"{file}: {field}: an active move must link to an active move; "
                    f"{target!r} is {linked.value!r}"
                )
    return Catalog(exercises)


def _read_exercise(path: Path, pictures: Path) -> Exercise:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}" if mark is not None else "yaml"
        raise ContentError(f"{path.name}: {where}: invalid YAML ({error.problem})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError(f"{path.name}: yaml: invalid YAML ({error})") from None
    if not isinstance(data, Mapping):
        raise ContentError(f"{path.name}: top level: must be a mapping of fields")
    return _exercise(_Fields(path.name, data), path.stem, pictures)


def _exercise(fields: _Fields, stem: str, pictures: Path) -> Exercise:
    fields.only(REQUIRED, OPTIONAL)
    slug = fields.text("slug")
    if not SLUG.fullmatch(slug):
        fields.fail("slug", f"must be lowercase words joined by hyphens, got {slug!r}")
    if slug != stem:
        fields.fail("slug", f"must match the file name {stem!r}, got {slug!r}")

    densities = fields.choices("densities", Density)
    zones = fields.choices("zones", Zone)
    for zone in zones:
        if zone in NEVER_ROLLED:
            fields.fail("zones", f"{zone.value!r} is never rolled")
    if densities and not zones:
        fields.fail("zones", "an exercise with a roller must say where it presses")
    if zones and not densities:
        fields.fail("zones", "must be empty when no roller is used (densities is empty)")

    kind = fields.choice("kind", ExerciseKind)
    if kind is ExerciseKind.ROLLING and not densities:
        fields.fail("kind", "'rolling' needs a roller: list its densities and zones")
    if kind is not ExerciseKind.ROLLING and densities:
        fields.fail(
            "kind", f"{kind.value!r} is done without a roller: densities and zones must be empty"
        )

    contraindications = fields.texts("contraindications", allow_empty=True)
    for index, condition in enumerate(contraindications):
        if condition not in CONDITIONS:
            fields.fail(
                f"contraindications[{index}]",
                f"unknown condition {condition!r}; known: {', '.join(CONDITIONS)}",
            )

    picture = fields.text("picture")
    if Path(picture).name != picture or not picture.endswith(".svg"):
        fields.fail("picture", f"must be an .svg file name with no folder, got {picture!r}")
    if not (pictures / picture).is_file():
        fields.fail("picture", f"no such file {picture!r} in {pictures}")

    regression = fields.optional_slug("regression", slug)
    progression = fields.optional_slug("progression", slug)

    steps = fields.texts("steps")
    cues = fields.texts("cues")
    _check_stop_line(fields, steps, cues)

    return Exercise(
        slug=slug,
        name=fields.text("name"),
        summary=fields.text("summary"),
        target_muscles=fields.texts("target_muscles"),
        position=fields.choice("position", Position),
        setup=fields.text("setup"),
        steps=steps,
        cues=cues,
        dose=_dose(fields.section("dose"), rolling=bool(densities)),
        densities=densities,
        zones=zones,
        areas=fields.choices("areas", Area, allow_empty=False),
        contraindications=contraindications,
        source=fields.text("source"),
        picture=picture,
        needs_floor=fields.flag("needs_floor", True),
        uses_wall=fields.flag("uses_wall", False),
        regression=regression,
        progression=progression,
        core=fields.flag("core", False),
        tags=fields.texts("tags", allow_empty=True, default=()),
        kind=kind,
    )


def stop_lines(lines: tuple[str, ...]) -> list[str]:
    """Lines that speak of when to stop: discomfort out of 10, sharp pain, tingling, numbness."""
    return [line for line in lines if STOP_WORDS.search(line)]


def _check_stop_line(fields: _Fields, steps: tuple[str, ...], cues: tuple[str, ...]) -> None:
    found = stop_lines(steps + cues)
    if found != [STOP_LINE]:
        shown = "; ".join(repr(line) for line in found) or "none"
        fields.fail(
            "steps and cues",
            f"must say when to stop exactly once, as {STOP_LINE!r}; found {shown}",
        )


def _dose(fields: _Fields, rolling: bool) -> Dose:
    fields.only(("kind", "sets"), DOSE_KEYS)
    kind = fields.choice("kind", DoseKind)
    if kind is DoseKind.TIME:
        for key in ("reps", "hold_seconds"):
            fields.absent(key, "only for rep doses (kind: reps)")
        seconds, reps, hold = fields.whole("seconds", *SET_SECONDS), 0, 0
    else:
        fields.absent("seconds", "only for time doses (kind: time)")
        seconds = 0
        reps = fields.whole("reps", *REPS)
        hold = fields.whole("hold_seconds", *HOLD_SECONDS, default=0)

    pass_seconds = fields.pair("pass_seconds", *PASS_SECONDS)
    if pass_seconds is not None and not rolling:
        fields.fail("pass_seconds", "only for exercises that use a roller")
    if pass_seconds is None and rolling and kind is DoseKind.TIME:
        fields.fail("pass_seconds", "is required when rolling for time (slow passes of 2-4 s)")

    return Dose(
        kind=kind,
        sets=fields.whole("sets", *SETS),
        seconds=seconds,
        reps=reps,
        hold_seconds=hold,
        per_side=fields.flag("per_side", False),
        pass_seconds=pass_seconds,
        rest_seconds=fields.whole("rest_seconds", *REST_SECONDS, default=15),
    )


class _Fields:
    """Reads one mapping of a content file; every error names the file and the field."""

    def __init__(self, file: str, data: Mapping[Any, Any], prefix: str = "") -> None:
        self.file = file
        self.data = data
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ContentError(f"{self.file}: {self.prefix}{key}: {problem}")

    def only(self, required: tuple[str, ...], allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in required and key not in allowed:
                self.fail(str(key), "unknown field")
        for key in required:
            if key not in self.data:
                self.fail(key, "is required")

    def absent(self, key: str, problem: str) -> None:
        if key in self.data:
            self.fail(key, problem)

    def section(self, key: str) -> _Fields:
        value = self.data.get(key)
        if not isinstance(value, Mapping):
            self.fail(key, f"must be a mapping, got {_show(value)}")
        return _Fields(self.file, value, f"{self.prefix}{key}.")

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be non-empty text, got {_show(value)}")
        return value.strip()

    def optional_slug(self, key: str, own: str) -> str | None:
        if self.data.get(key) is None:
            return None
        value = self.text(key)
        if value == own:
            self.fail(key, "cannot point to the exercise itself")
        return value

    def texts(
        self, key: str, allow_empty: bool = False, default: tuple[str, ...] | None = None
    ) -> tuple[str, ...]:
        if key not in self.data and default is not None:
            return default
        value = self.data.get(key)
        if not isinstance(value, list):
            self.fail(key, f"must be a list, got {_show(value)}")
        if not value and not allow_empty:
            self.fail(key, "must not be empty")
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}[{index}]", f"must be non-empty text, got {_show(item)}")
            items.append(item.strip())
        if len(set(items)) != len(items):
            self.fail(key, "lists the same entry twice")
        return tuple(items)

    def choice(self, key: str, enum: type[E]) -> E:
        return self._member(key, self.data.get(key), enum)

    def choices(self, key: str, enum: type[E], allow_empty: bool = True) -> tuple[E, ...]:
        value = self.data.get(key)
        if not isinstance(value, list):
            self.fail(key, f"must be a list, got {_show(value)}")
        if not value and not allow_empty:
            self.fail(key, "must not be empty")
        members = tuple(self._member(f"{key}[{i}]", item, enum) for i, item in enumerate(value))
        if len(set(members)) != len(members):
            self.fail(key, "lists the same entry twice")
        return members

    def _member(self, key: str, value: object, enum: type[E]) -> E:
        if isinstance(value, str) and value in {member.value for member in enum}:
            return enum(value)
        allowed = ", ".join(member.value for member in enum)
        self.fail(key, f"must be one of {allowed}, got {_show(value)}")

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, got {_show(value)}")
        return value

    def whole(self, key: str, low: int, high: int, default: int | None = None) -> int:
        if key not in self.data and default is not None:
            return default
        value = self.data.get(key)
        # bool is an int subclass; `true` must not pass as 1.
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            kind = "a positive whole number" if low > 0 else "a whole number"
            self.fail(key, f"must be {kind}, got {_show(value)}")
        if not low <= value <= high:
            self.fail(key, f"must be between {low} and {high}, got {value}")
        return value

    def pair(self, key: str, low: int, high: int) -> tuple[int, int] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        ):
            self.fail(key, f"must be two whole numbers [fastest, slowest], got {_show(value)}")
        first, second = value
        if not low <= first <= second <= high:
            self.fail(key, f"must lie within {low}-{high} s with the smaller first, got {value}")
        return first, second


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice instead of keeping the last one silently."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, Hashable) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        if isinstance(key, Hashable):
            seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)
