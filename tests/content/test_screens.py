from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.resources import files
from typing import Any

import pytest
import yaml

from rollcoach.content.errors import ContentError
from rollcoach.content.screens import (
    load_pre_session,
    load_red_flags,
    load_start_back,
    parse_questions,
    parse_start_back,
)
from rollcoach.safety.redflags import Level, Question

BRIEF_IDS = (
    {f"E{n}" for n in range(1, 9)} | {f"U{n}" for n in range(1, 4)} | {f"G{n}" for n in range(1, 7)}
)
LEVEL_BY_PREFIX = {"E": Level.EMERGENCY, "U": Level.URGENT, "G": Level.SEE_CLINICIAN}


def test_it_has_exactly_the_briefs_red_flags() -> None:
    questions = load_red_flags()
    assert {q.id for q in questions} == BRIEF_IDS
    assert len(questions) == len(BRIEF_IDS)
    for q in questions:
        assert q.level is LEVEL_BY_PREFIX[q.id[0]]


@pytest.mark.parametrize(
    "loader", [load_red_flags, load_pre_session], ids=["red-flags", "pre-session"]
)
def test_it_gives_every_question_text_and_a_source(
    loader: Callable[[], tuple[Question, ...]],
) -> None:
    for q in loader():
        assert len(q.text) > 20 and len(q.source) > 5


def test_it_explains_the_inflammatory_pattern() -> None:
    explained = {q.id for q in load_red_flags() if q.explanation}
    assert explained == {"G6"}


def test_it_loads_start_back_with_keele_statement() -> None:
    form = load_start_back()
    assert [i.id for i in form.items] == [f"SB{n}" for n in range(1, 10)]
    assert [i.id for i in form.items if i.distress] == ["SB5", "SB6", "SB7", "SB8", "SB9"]
    assert form.items[-1].options == (
        "not at all",
        "slightly",
        "moderately",
        "very much",
        "extremely",
    )
    assert form.statement == "© Keele University 01/08/07. Funded by Arthritis Research UK."


@pytest.mark.parametrize("loader", [load_red_flags, load_pre_session, load_start_back])
def test_it_caches_each_screen(loader: Callable[[], object]) -> None:
    assert loader() is loader()


GOOD_QUESTION = {"id": "X1", "question": "Anything?", "level": "URGENT", "source": "test"}


def questions_yaml(*rows: Mapping[str, object], **top: object) -> str:
    return yaml.safe_dump({"questions": list(rows), **top})


@pytest.mark.parametrize(
    "text, message",
    [
        (questions_yaml(GOOD_QUESTION, extra=1), "t.yaml: unknown keys: extra"),
        ("[]", "t.yaml: expected a mapping, got list"),
        ("questions: [", "t.yaml: not valid YAML"),
        ("questions: []", "t.yaml: questions: expected a non-empty list"),
        (questions_yaml({**GOOD_QUESTION, "note": "x"}), "t.yaml: question 1: unknown keys: note"),
        (
            questions_yaml({"id": "X1", "question": "Q?"}),
            "t.yaml: question 1: missing fields: level, source",
        ),
        (
            questions_yaml({**GOOD_QUESTION, "level": "PROCEED"}),
            "t.yaml: question 1: unknown level 'PROCEED'",
        ),
        (
            questions_yaml({**GOOD_QUESTION, "level": "urgent"}),
            "t.yaml: question 1: unknown level 'urgent'",
        ),
        (
            questions_yaml(GOOD_QUESTION, {**GOOD_QUESTION, "level": "EMERGENCY"}),
            "t.yaml: duplicate id 'X1'",
        ),
        (questions_yaml({**GOOD_QUESTION, "source": ""}), "t.yaml: question 1: source: expected"),
        (questions_yaml({**GOOD_QUESTION, "id": 7}), "t.yaml: question 1: id: expected text"),
    ],
)
def test_it_rejects_bad_question_files(text: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_questions(text, "t.yaml")
    assert str(caught.value).startswith(message)


def start_back_data() -> dict[str, Any]:
    text = (files("rollcoach.content") / "screens" / "start_back.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def drop_item(data: dict[str, Any], n: int) -> None:
    del data["items"][n]


def rename_item(data: dict[str, Any], n: int) -> None:
    data["items"][n]["id"] = "SB1"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("statement"), "s.yaml: missing fields: statement"),
        (lambda d: d.update(licence="x"), "s.yaml: unknown keys: licence"),
        (lambda d: drop_item(d, 3), "s.yaml: items must be SB1, SB2"),
        (lambda d: rename_item(d, 1), "s.yaml: duplicate id 'SB1'"),
        (lambda d: d["items"][4].pop("distress"), "s.yaml: distress items must be SB5"),
        (lambda d: d["items"][0].update(distress=True), "s.yaml: distress items must be SB5"),
        (lambda d: d["items"][0].update(distress="yes"), "s.yaml: item 1: distress must be"),
        (lambda d: d["items"][8]["options"].pop(), "s.yaml: SB9 options must be"),
        (lambda d: d["items"][2].update(options=["yes"]), "s.yaml: SB3 options must be []"),
        (lambda d: d["items"][0].update(hint="x"), "s.yaml: item 1: unknown keys: hint"),
    ],
)
def test_it_rejects_bad_start_back_files(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = start_back_data()
    change(data)
    with pytest.raises(ContentError) as caught:
        parse_start_back(yaml.safe_dump(data, allow_unicode=True), "s.yaml")
    assert str(caught.value).startswith(message)


# The clinical brief's G6 row (NICE NG65): back pain that began before 45 and lasted more than
# 3 months, with 4 or more of these seven features. The screen and the article say it alike.
G6_FEATURES = (
    "it first began before 35",
    "it wakes you in the second half of the night",
    "your buttocks hurt too",
    "it gets better when you move",
    "it gets better within 2 days of taking anti-inflammatory painkillers",
    "a close relative has spondyloarthritis",
    "arthritis, painful swelling where a tendon meets the bone, or psoriasis",
)


def g6_texts() -> dict[str, str]:
    from rollcoach.content.articles import find_article

    (question,) = [q for q in load_red_flags() if q.id == "G6"]
    article = find_article("when-to-see-a-clinician")
    assert article is not None
    body = " ".join(article.body.split())
    start = body.index("your back pain began before age 45")
    return {"screen": question.text, "article": body[start : body.index("(NICE NG65)", start)]}


@pytest.mark.parametrize("where", ["screen", "article"])
def test_it_asks_for_4_or_more_of_the_inflammatory_features(where: str) -> None:
    text = g6_texts()[where]
    assert "4 or more of" in text
    assert "before age 45" in text and "more than 3 months" in text
    for feature in G6_FEATURES:
        assert feature in text, feature


@pytest.mark.parametrize("where", ["screen", "article"])
def test_it_never_asks_for_fewer_inflammatory_features(where: str) -> None:
    text = g6_texts()[where].lower()
    for looser in ("any of these", "one of these", "2 or more", "3 or more", " or gets better"):
        assert looser not in text, looser
