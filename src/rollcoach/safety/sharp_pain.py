from __future__ import annotations

from dataclasses import dataclass

SHARP_PAIN_ADVICE = (
    "Stop now. Roll off the roller slowly and rest in a position that feels easy. "
    "Don't do that exercise again today. "
    "If you notice new numbness or weakness in your legs, numbness around your bottom or "
    "genitals, or a change in your bladder or bowels, go to an emergency department now. "
    "If the pain hasn't eased after 30 minutes, contact your GP or a physiotherapist today. "
    "Your next session will be gentler."
)
SOURCE = (
    "product judgement (unsourced); the escalation follows the red-flag screen "
    "(NHS cauda equina pathways, BASS 2018)"
)
EVENT = "sharp-pain"


@dataclass(frozen=True)
class SharpPainOutcome:
    advice: str
    regress_next: bool  # the next session uses easier versions
    event: str  # name written to the session log
    exercise_slug: str | None  # skipped for the rest of the day


def sharp_pain_stop(exercise_slug: str | None) -> SharpPainOutcome:
    return SharpPainOutcome(SHARP_PAIN_ADVICE, True, EVENT, exercise_slug)
