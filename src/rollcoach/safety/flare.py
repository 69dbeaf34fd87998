from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rollcoach.safety.pain_score import validate_pain

# A rise of 2 points is the smallest change on the 0-10 scale that people notice.
FLARE_RISE = 2
SOURCE = (
    "2-point threshold: meaningful NPRS change (Childs 2005, Ostelo 2008); what to do after "
    "one or two flares: product judgement (unsourced)"
)


@dataclass(frozen=True)
class SessionPain:
    pain_before: int | None
    pain_after: int | None
    sharp_pain: bool = False

    def __post_init__(self) -> None:
        for score in (self.pain_before, self.pain_after):
            if score is not None:
                validate_pain(score)

    @property
    def counts(self) -> bool:
        # Without both scores a rise cannot be judged; a sharp-pain stop speaks for itself.
        return self.sharp_pain or (self.pain_before is not None and self.pain_after is not None)

    @property
    def flared(self) -> bool:
        if self.sharp_pain:
            return True
        if self.pain_before is None or self.pain_after is None:
            return False
        return self.pain_after >= self.pain_before + FLARE_RISE


class FlareAdvice(StrEnum):
    NONE = "none"
    REGRESS = "regress"
    SEE_CLINICIAN = "see-clinician"


def flare_advice(history: Sequence[SessionPain]) -> FlareAdvice:
    """`history` is in time order, oldest first."""
    # Sessions that cannot be judged are left out entirely: they neither flare nor break a run.
    judged = [s for s in history if s.counts]
    if not judged or not judged[-1].flared:
        return FlareAdvice.NONE
    if len(judged) >= 2 and judged[-2].flared:
        return FlareAdvice.SEE_CLINICIAN
    return FlareAdvice.REGRESS
