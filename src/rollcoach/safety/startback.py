from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rollcoach.safety.redflags import AnswerError

SOURCE = "Keele STarT Back Screening Tool (Hill et al. 2008); scoring as in the clinical brief"

ITEM_IDS: tuple[str, ...] = tuple(f"SB{n}" for n in range(1, 10))
AGREE_ITEMS: tuple[str, ...] = ITEM_IDS[:8]  # agree scores 1, disagree 0
BOTHER_ITEM = "SB9"
DISTRESS_ITEMS: tuple[str, ...] = ("SB5", "SB6", "SB7", "SB8", "SB9")

# The tool's answer options for item 9, in order; the last two score 1.
BOTHER_OPTIONS: tuple[str, ...] = ("not at all", "slightly", "moderately", "very much", "extremely")
BOTHER_SCORING: frozenset[str] = frozenset({"very much", "extremely"})


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


ADVICE: dict[Risk, str] = {
    Risk.LOW: (
        "Your answers suggest a good outlook. Back pain like this usually settles. "
        "Keep active, carry on with your normal day as far as you can, and use this "
        "programme to look after your back yourself."
    ),
    Risk.MEDIUM: (
        "Your answers suggest your back pain may take longer to settle. A physiotherapist "
        "or a supervised exercise programme is likely to help: consider booking one and "
        "use this programme alongside it."
    ),
    Risk.HIGH: (
        "Your answers suggest your back pain is weighing on you and may take longer to "
        "settle. A physiotherapist can help with both the pain and the worry it brings: "
        "we suggest you book a review, and use this programme alongside their advice."
    ),
}


@dataclass(frozen=True)
class StartBackItem:
    id: str
    text: str
    options: tuple[str, ...] = ()  # empty: agree / disagree
    distress: bool = False


@dataclass(frozen=True)
class StartBackForm:
    intro: str
    items: tuple[StartBackItem, ...]
    statement: str  # copyright and funding statement, shown wherever the tool is
    source: str


@dataclass(frozen=True)
class StartBackResult:
    total: int
    distress: int
    risk: Risk
    advice: str

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "distress": self.distress,
            "risk": self.risk.value,
            "advice": self.advice,
        }


def score(answers: Mapping[str, object]) -> StartBackResult:
    for key in answers:
        if key not in ITEM_IDS:
            raise AnswerError(f"unknown item id {key!r}; known ids: {', '.join(ITEM_IDS)}")
    missing = [i for i in ITEM_IDS if i not in answers]
    if missing:
        raise AnswerError(f"unanswered items: {', '.join(missing)}")
    points: dict[str, int] = {}
    for item in AGREE_ITEMS:
        value = answers[item]
        if not isinstance(value, bool):
            raise AnswerError(f"answer to {item} must be true (agree) or false, got {value!r}")
        points[item] = int(value)
    bother = answers[BOTHER_ITEM]
    if not isinstance(bother, str) or bother not in BOTHER_OPTIONS:
        raise AnswerError(
            f"answer to {BOTHER_ITEM} must be one of {', '.join(BOTHER_OPTIONS)}, got {bother!r}"
        )
    points[BOTHER_ITEM] = int(bother in BOTHER_SCORING)
    total = sum(points.values())
    distress = sum(points[i] for i in DISTRESS_ITEMS)
    risk = _risk(total, distress)
    return StartBackResult(total, distress, risk, ADVICE[risk])


def _risk(total: int, distress: int) -> Risk:
    if total <= 3:
        return Risk.LOW
    return Risk.HIGH if distress >= 4 else Risk.MEDIUM
