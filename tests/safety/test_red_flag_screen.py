from __future__ import annotations

import pytest

from rollcoach.content.screens import load_red_flags
from rollcoach.safety.redflags import (
    GUIDANCE,
    AnswerError,
    Level,
    Question,
    ScreenResult,
    screen,
)

E, U, G, P = Level.EMERGENCY, Level.URGENT, Level.SEE_CLINICIAN, Level.PROCEED

# The brief's table: id -> level.
BRIEF_LEVELS = {
    **{f"E{n}": E for n in range(1, 9)},
    **{f"U{n}": U for n in range(1, 4)},
    **{f"G{n}": G for n in range(1, 7)},
}

TOY = (
    Question("A", "a?", E, "test"),
    Question("B", "b?", U, "test"),
    Question("C", "c?", G, "test"),
    Question("D", "d?", G, "test"),
)


def all_no(questions: tuple[Question, ...]) -> dict[str, object]:
    return {q.id: False for q in questions}


@pytest.mark.parametrize("qid, level", sorted(BRIEF_LEVELS.items()))
def test_it_gives_each_red_flag_its_brief_level(qid: str, level: Level) -> None:
    questions = load_red_flags()
    result = screen(questions, {**all_no(questions), qid: True})
    assert result.level is level
    assert result.triggered == (qid,)


@pytest.mark.parametrize(
    "yes, level, triggered",
    [
        ((), P, ()),
        (("C",), G, ("C",)),
        (("C", "D"), G, ("C", "D")),
        (("B", "C"), U, ("B", "C")),
        (("D", "A"), E, ("A", "D")),
        (("A", "B", "C", "D"), E, ("A", "B", "C", "D")),
    ],
)
def test_it_takes_the_highest_level_among_the_yeses(
    yes: tuple[str, ...], level: Level, triggered: tuple[str, ...]
) -> None:
    answers = {**all_no(TOY), **{i: True for i in yes}}
    result = screen(TOY, answers)
    assert (result.level, result.triggered) == (level, triggered)
    assert result.can_proceed is (level is P)


@pytest.mark.parametrize(
    "answers, level",
    [
        ({"C": True}, G),
        ({"B": True, "C": False}, U),
        ({"A": True}, E),
    ],
)
def test_it_lets_a_yes_decide_even_with_gaps(answers: dict[str, object], level: Level) -> None:
    assert screen(TOY, answers).level is level


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"Z": False}, "unknown question id 'Z'; known ids: A, B, C, D"),
        ({"A": "yes"}, "answer to A must be true or false, got 'yes'"),
        ({"B": 1}, "answer to B must be true or false, got 1"),
        ({"C": None}, "answer to C must be true or false, got None"),
        ({"D": "no"}, "answer to D must be true or false, got 'no'"),
        ({}, "unanswered questions: A, B, C, D"),
        ({"A": False, "C": False}, "unanswered questions: B, D"),
    ],
)
def test_it_rejects_bad_or_incomplete_answers(answers: dict[str, object], message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        screen(TOY, answers)
    assert str(caught.value) == message


def test_it_refuses_an_empty_screen() -> None:
    with pytest.raises(ValueError):
        screen((), {})


@pytest.mark.parametrize("lower, higher", [(P, G), (G, U), (U, E), (P, E)])
def test_it_orders_levels(lower: Level, higher: Level) -> None:
    assert lower.rank < higher.rank


@pytest.mark.parametrize(
    "level, value, words",
    [
        (E, "EMERGENCY", ("emergency department", "emergency services", "Do not use")),
        (U, "URGENT", ("doctor today", "24 hours", "pauses")),
        (G, "SEE-CLINICIAN", ("GP", "physiotherapist", "pauses", "cleared")),
        (P, "PROCEED", ("You can start",)),
    ],
)
def test_it_words_guidance_for_each_level(level: Level, value: str, words: tuple[str, ...]) -> None:
    assert level.value == value
    for word in words:
        assert word in GUIDANCE[level]
    assert ScreenResult(level, ()).guidance == GUIDANCE[level]


def test_it_serialises_a_result() -> None:
    result = screen(TOY, {"A": False, "B": True, "C": False, "D": False})
    assert result.to_dict() == {
        "level": "URGENT",
        "triggered": ["B"],
        "answers": {"A": False, "B": True, "C": False, "D": False},
        "guidance": GUIDANCE[U],
    }
