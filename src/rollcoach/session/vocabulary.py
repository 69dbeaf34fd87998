"""The session's words and codes as the browser player is given them, so it never retypes them."""

from __future__ import annotations

from typing import Any

from rollcoach.safety.discomfort import DISCOMFORT_CAP
from rollcoach.session.engine import ENDINGS, FINISHED, LIVE, EventKind, SessionStatus
from rollcoach.session.timeline import REP_MOVE_SECONDS, STEP_LABELS, WORK_KINDS


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
    }
