"""The session's words and codes as the browser player is given them, so it never retypes them."""

from __future__ import annotations

from typing import Any

from rollcoach.safety.discomfort import DISCOMFORT_CAP
from rollcoach.session.engine import ENDINGS, FINISHED, LIVE, EventKind, SessionStatus
from rollcoach.session.timeline import REP_MOVE_SECONDS, STEP_LABELS, WORK_KINDS

# Said when sharp pain stops a session, in the terminal and in the browser. Not every move uses
# a roller, so it asks to come off one only where the person is on it.
SHARP_PAIN_SPOKEN = "Session stopped. Come off the roller slowly if you are on it, and rest."
# The mute button says what pressing it does next.
MUTE_LABELS = {"mute": "Mute", "unmute": "Unmute"}


def player_vocabulary() -> dict[str, Any]:
    return {
        "statuses": {status.name.lower(): status.value for status in SessionStatus},
        "live": sorted(LIVE),
        "finished": sorted(FINISHED),
        "work_kinds": sorted(WORK_KINDS),
        "events": {kind.name.lower(): kind.value for kind in EventKind},
        "step_labels": {kind.value: label for kind, label in STEP_LABELS.items()},
        "endings": {status: {"title": t, "note": n} for status, (t, n) in ENDINGS.items()},
        "rep_move_seconds": REP_MOVE_SECONDS,
        "discomfort_cap": DISCOMFORT_CAP,
        "spoken": {"sharp_pain": SHARP_PAIN_SPOKEN},
        "mute_labels": MUTE_LABELS,
    }
