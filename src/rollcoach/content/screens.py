from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from rollcoach.content.errors import ContentError
from rollcoach.safety.redflags import Level, Question
from rollcoach.safety.startback import (
    BOTHER_ITEM,
    BOTHER_OPTIONS,
    DISTRESS_ITEMS,
    ITEM_IDS,
    StartBackForm,
    StartBackItem,
)

RED_FLAGS = "red_flags.yaml"
PRE_SESSION = "pre_session.yaml"
START_BACK = "start_back.yaml"

_LEVELS = {level.value for level in Level if level is not Level.PROCEED}


@cache
def load_red_flags() -> tuple[Question, ...]:
    return parse_questions(_read(RED_FLAGS), RED_FLAGS)


@cache
def load_pre_session() -> tuple[Question, ...]:
    return parse_questions(_read(PRE_SESSION), PRE_SESSION)


@cache
def load_start_back() -> StartBackForm:
    return parse_start_back(_read(START_BACK), START_BACK)


def _read(name: str) -> str:
    return (files("rollcoach.content") / "screens" / name).read_text(encoding="utf-8")


def parse_questions(text: str, name: str) -> tuple[Question, ...]:
    top = _mapping(_yaml(text, name), name, required={"questions"})
    entries = _list(top["questions"], f"{name}: questions")
    questions: list[Question] = []
    for n, entry in enumerate(entries, 1):
        where = f"{name}: question {n}"
        row = _mapping(
            entry, where, required={"id", "question", "level", "source"}, optional={"explanation"}
        )
        level = _text(row["level"], f"{where}: level")
        if level not in _LEVELS:
            known = ", ".join(sorted(_LEVELS))
            raise ContentError(f"{where}: unknown level {level!r}; known levels: {known}")
        questions.append(
            Question(
                id=_text(row["id"], f"{where}: id"),
                text=_text(row["question"], f"{where}: question"),
                level=Level(level),
                source=_text(row["source"], f"{where}: source"),
                explanation=_text(row.get("explanation", ""), f"{where}: explanation", empty=True),
            )
        )
    _unique([q.id for q in questions], name)
    return tuple(questions)


def parse_start_back(text: str, name: str) -> StartBackForm:
    top = _mapping(_yaml(text, name), name, required={"intro", "statement", "source", "items"})
    items: list[StartBackItem] = []
    for n, entry in enumerate(_list(top["items"], f"{name}: items"), 1):
        where = f"{name}: item {n}"
        row = _mapping(entry, where, required={"id", "text"}, optional={"options", "distress"})
        options = tuple(
            _text(o, f"{where}: options") for o in _list(row.get("options", []), where, empty=True)
        )
        distress = row.get("distress", False)
        if not isinstance(distress, bool):
            raise ContentError(f"{where}: distress must be true or false, got {distress!r}")
        items.append(
            StartBackItem(
                id=_text(row["id"], f"{where}: id"),
                text=_text(row["text"], f"{where}: text"),
                options=options,
                distress=distress,
            )
        )
    ids = [i.id for i in items]
    _unique(ids, name)
    # The wording may change; the structure the scoring relies on may not.
    if tuple(ids) != ITEM_IDS:
        raise ContentError(f"{name}: items must be {', '.join(ITEM_IDS)} in order")
    if tuple(i.id for i in items if i.distress) != DISTRESS_ITEMS:
        raise ContentError(f"{name}: distress items must be {', '.join(DISTRESS_ITEMS)}")
    for item in items:
        expected = BOTHER_OPTIONS if item.id == BOTHER_ITEM else ()
        if item.options != expected:
            raise ContentError(
                f"{name}: {item.id} options must be [{', '.join(expected)}], "
                f"got [{', '.join(item.options)}]"
            )
    return StartBackForm(
        intro=_text(top["intro"], f"{name}: intro"),
        items=tuple(items),
        statement=_text(top["statement"], f"{name}: statement"),
        source=_text(top["source"], f"{name}: source"),
    )


def _yaml(text: str, name: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: not valid YAML: {error}") from error


def _mapping(
    value: object, where: str, required: set[str], optional: frozenset[str] | set[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentError(f"{where}: expected a mapping, got {type(value).__name__}")
    unknown = sorted(str(k) for k in value.keys() - required - optional)
    if unknown:
        raise ContentError(f"{where}: unknown keys: {', '.join(unknown)}")
    missing = sorted(required - value.keys())
    if missing:
        raise ContentError(f"{where}: missing fields: {', '.join(missing)}")
    return value


def _list(value: object, where: str, empty: bool = False) -> list[object]:
    if not isinstance(value, list) or (not value and not empty):
        raise ContentError(f"{where}: expected a {'list' if empty else 'non-empty list'}")
    return value


def _text(value: object, where: str, empty: bool = False) -> str:
    if not isinstance(value, str) or (not value.strip() and not empty):
        raise ContentError(f"{where}: expected text, got {value!r}")
    return value.strip()


def _unique(ids: list[str], name: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ContentError(f"{name}: duplicate id {i!r}")
        seen.add(i)
