"""When pain says to ease off: a flare regresses the next plan, and a bad one pauses rolling."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rollcoach.safety.discomfort import DISCOMFORT_CAP, discomfort_ok
from rollcoach.safety.pain_score import validate_pain

# A rise of 2 points is the smallest change on the 0-10 scale that people notice.
FLARE_RISE = 2
# Twice the smallest rise that matters: product judgement.
LARGE_RISE = 4
SOURCE = (
    "2-point threshold: meaningful NPRS change (Childs 2005, Ostelo 2008); the large rise, "
    f"pain above {DISCOMFORT_CAP}/10 before a session, what follows one or two flares and "
    "when a pause lifts: product judgement (unsourced)"
)
CLINICIAN_ROUTE = (
    "If your pain stays high, keeps flaring, or you are worried, see your GP or a "
    "physiotherapist; with any of the red-flag signs, get urgent help."
)


@dataclass(frozen=True)
class SessionPain:
    pain_before: int | None
    pain_after: int | None
    sharp_pain: bool = False
    completed: bool = True

    def __post_init__(self) -> None:
        for score in (self.pain_before, self.pain_after):
            if score is not None:
                validate_pain(score)

    @property
    def counts(self) -> bool:
        # Without both scores a rise cannot be judged; a sharp-pain stop speaks for itself, and
        # so does a session begun in too much pain.
        return self.sharp_pain or self.high_before or self.rise is not None

    @property
    def rise(self) -> int | None:
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before

    @property
    def high_before(self) -> bool:
        return self.pain_before is not None and not discomfort_ok(self.pain_before)

    @property
    def flared(self) -> bool:
        return self.sharp_pain or (self.rise is not None and self.rise >= FLARE_RISE)

    @property
    def settled(self) -> bool:
        """Begun within the discomfort cap, finished, and ended without a flare."""
        return self.completed and not self.high_before and not self.flared and self.rise is not None


class FlareAdvice(StrEnum):
    NONE = "none"
    REGRESS = "regress"  # the next plan is one step easier
    PAUSE = "pause"  # no rolling: gentle movement and advice until a session settles


@dataclass(frozen=True)
class FlareState:
    advice: FlareAdvice
    reason: str = ""  # why, in words the person reads

    @property
    def paused(self) -> bool:
        return self.advice is FlareAdvice.PAUSE


def _pause_reason(session: SessionPain, previous: SessionPain | None) -> str:
    if session.high_before:
        return (
            f"Your pain was {session.pain_before}/10 before your last session, above the "
            f"{DISCOMFORT_CAP}/10 that rolling allows."
        )
    if session.rise is not None and session.rise >= LARGE_RISE:
        return f"Your pain rose by {session.rise} points during your last session."
    if previous is not None and session.flared and previous.flared:
        return "Your pain flared in your last two sessions."
    return ""


def flare_state(
    history: Sequence[SessionPain], reason: str = "", previous: SessionPain | None = None
) -> FlareState:
    """`history` is in time order, oldest first. Sessions that cannot be judged are left out:
    they neither flare nor settle anything. `reason` and `previous` are what earlier sessions
    left: a pause not yet lifted, and the last judged session."""
    judged = [s for s in history if s.counts]
    for session in judged:
        cause = _pause_reason(session, previous)
        if cause:
            reason = cause
        elif reason and session.settled:
            reason = ""  # the pause lifts once a session settles
        previous = session
    if reason:
        return FlareState(FlareAdvice.PAUSE, reason)
    if previous is not None and previous.flared:
        return FlareState(FlareAdvice.REGRESS, "Your pain flared in your last session.")
    return FlareState(FlareAdvice.NONE)


_EARLIER = "a pause left from earlier sessions"  # never a reason _pause_reason gives


def recent_flare_state(history: Sequence[SessionPain]) -> FlareState | None:
    """What `history` gives whatever sessions came before it; None while they could change it.
    Earlier sessions leave only a pause or not, and whether the last of them flared."""
    states = {
        flare_state(history, reason, previous)
        for reason in ("", _EARLIER)
        for previous in (None, SessionPain(None, None, sharp_pain=True))
    }
    return states.pop() if len(states) == 1 else None


def flare_advice(history: Sequence[SessionPain]) -> FlareAdvice:
    return flare_state(history).advice
