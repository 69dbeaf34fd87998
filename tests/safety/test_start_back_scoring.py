from __future__ import annotations

import pytest

from rollcoach.safety.redflags import AnswerError
from rollcoach.safety.startback import ADVICE, BOTHER_OPTIONS, Risk, score


def answers(agree: str = "", bother: str = "not at all") -> dict[str, object]:
    """`agree` lists the item numbers (1-8) answered agree."""
    given: dict[str, object] = {f"SB{n}": str(n) in agree for n in range(1, 9)}
    given["SB9"] = bother
    return given


@pytest.mark.parametrize(
    "agree, bother, total, distress, risk",
    [
        ("", "not at all", 0, 0, Risk.LOW),
        ("", "extremely", 1, 1, Risk.LOW),
        ("123", "moderately", 3, 0, Risk.LOW),  # total 3: the top of low
        ("1234", "slightly", 4, 0, Risk.MEDIUM),  # total 4: the bottom of medium
        ("12", "very much", 3, 1, Risk.LOW),
        ("123", "very much", 4, 1, Risk.MEDIUM),
        ("567", "not at all", 3, 3, Risk.LOW),  # distress 3 but total 3
        ("1567", "moderately", 4, 3, Risk.MEDIUM),  # distress 3: not high
        ("5678", "moderately", 4, 4, Risk.HIGH),  # distress 4: high
        ("567", "very much", 4, 4, Risk.HIGH),  # item 9 counts towards distress
        ("1234", "extremely", 5, 1, Risk.MEDIUM),
        ("12345678", "extremely", 9, 5, Risk.HIGH),
        ("1234567", "moderately", 7, 3, Risk.MEDIUM),
    ],
)
def test_it_scores_and_groups(
    agree: str, bother: str, total: int, distress: int, risk: Risk
) -> None:
    result = score(answers(agree, bother))
    assert (result.total, result.distress, result.risk) == (total, distress, risk)
    assert result.advice == ADVICE[risk]


@pytest.mark.parametrize(
    "bother, points",
    [("not at all", 0), ("slightly", 0), ("moderately", 0), ("very much", 1), ("extremely", 1)],
)
def test_it_scores_each_bother_option(bother: str, points: int) -> None:
    assert bother in BOTHER_OPTIONS
    assert score(answers("", bother)).total == points


@pytest.mark.parametrize(
    "risk, words",
    [
        (Risk.LOW, ("active", "yourself")),
        (Risk.MEDIUM, ("physiotherapist", "supervised exercise", "alongside")),
        (Risk.HIGH, ("physiotherapist", "alongside")),
    ],
)
def test_it_advises_by_risk(risk: Risk, words: tuple[str, ...]) -> None:
    for word in words:
        assert word in ADVICE[risk]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"SB10": True}, "unknown item id 'SB10'; known ids: SB1, SB2"),
        ({"SB3": None}, "answer to SB3 must be true (agree) or false, got None"),
        ({"SB1": "agree"}, "answer to SB1 must be true (agree) or false, got 'agree'"),
        ({"SB8": 1}, "answer to SB8 must be true (agree) or false, got 1"),
        ({"SB9": "Very much"}, "answer to SB9 must be one of not at all, slightly"),
        ({"SB9": 4}, "answer to SB9 must be one of"),
        (
            {"SB9": True},
            "answer to SB9 must be one of not at all, slightly, moderately, very much, "
            "extremely, got True",
        ),
    ],
)
def test_it_rejects_bad_answers(change: dict[str, object], message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        score({**answers(), **change})
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("drop, message", [(("SB2",), "SB2"), (("SB4", "SB9"), "SB4, SB9")])
def test_it_rejects_missing_items(drop: tuple[str, ...], message: str) -> None:
    given = {k: v for k, v in answers().items() if k not in drop}
    with pytest.raises(AnswerError, match=f"^unanswered items: {message}$"):
        score(given)
