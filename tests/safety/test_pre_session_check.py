from __future__ import annotations

import pytest

from rollcoach.content.screens import load_pre_session
from rollcoach.safety.pre_session import check
from rollcoach.safety.redflags import AnswerError, Level, Question

EXPECTED = {
    "PS1": Level.EMERGENCY,  # bladder, bowel, saddle numbness, leg weakness
    "PS2": Level.EMERGENCY,  # major trauma
    "PS3": Level.EMERGENCY,  # chest pain with upper-back pain
    "PS4": Level.URGENT,  # fever, unwell
    "PS5": Level.URGENT,  # fall, knock or strain
    "PS6": Level.SEE_CLINICIAN,  # pain much worse or different
    "PS7": Level.SEE_CLINICIAN,  # sharp pain not settled
}


def test_it_asks_the_expected_questions() -> None:
    assert [q.id for q in load_pre_session()] == list(EXPECTED)


@pytest.mark.parametrize("qid, level", EXPECTED.items())
def test_it_gives_each_change_its_level(qid: str, level: Level) -> None:
    questions = load_pre_session()
    answers: dict[str, object] = {q.id: q.id == qid for q in questions}
    result = check(questions, answers)
    assert (result.level, result.triggered) == (level, (qid,))


@pytest.mark.parametrize(
    "yes, level",
    [
        ((), Level.PROCEED),
        (("PS6", "PS7"), Level.SEE_CLINICIAN),
        (("PS7", "PS4"), Level.URGENT),
        (("PS5", "PS1"), Level.EMERGENCY),
    ],
)
def test_it_combines_answers(yes: tuple[str, ...], level: Level) -> None:
    questions = load_pre_session()
    assert check(questions, {q.id: q.id in yes for q in questions}).level is level


def test_it_never_clears_a_check_with_gaps() -> None:
    questions = load_pre_session()
    with pytest.raises(AnswerError, match="unanswered questions: PS7"):
        check(questions, {q.id: False for q in questions[:-1]})


@pytest.mark.parametrize("question", load_pre_session(), ids=lambda q: q.id)
def test_it_cites_the_look_again_rule(question: Question) -> None:
    assert "NICE NG59 1.1.1" in question.source
