from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.outcomes.pain import session_changes, session_statement
from rollcoach.outcomes.records import SessionRecord

DAY = date(2026, 3, 2)


def sessions(*pairs: tuple[int | None, int | None]) -> list[SessionRecord]:
    return [
        SessionRecord(DAY + timedelta(days=i), True, before, after)
        for i, (before, after) in enumerate(pairs)
    ]


def test_it_pairs_only_sessions_with_both_scores_oldest_first() -> None:
    records = list(reversed(sessions((5, 3), (None, 2), (4, None), (6, 6))))
    changes = session_changes(records)
    assert [(c.day, c.before, c.after, c.change) for c in changes] == [
        (DAY, 5, 3, -2),
        (DAY + timedelta(days=3), 6, 6, 0),
    ]


@pytest.mark.parametrize(
    "pairs, statement",
    [
        (
            [],
            "Rate your pain before and after a session to see what a session does for it.",
        ),
        (
            [(5, 3), (6, 5)],
            "Straight after a session your pain was on average 1.5 points lower (2 sessions). "
            "Relief straight after a session can fade; the weekly average shows if it lasts.",
        ),
        (
            [(5, 4)],
            "Straight after a session your pain was on average 1 point lower (1 session). "
            "Relief straight after a session can fade; the weekly average shows if it lasts.",
        ),
        (
            [(4, 4), (3, 3)],
            "On average your pain was the same before and after a session (2 sessions).",
        ),
        (
            [(3, 5), (4, 4)],
            "Straight after a session your pain was on average 1 point higher (2 sessions). "
            "Pain rose 2 points or more after 1 session: go gentler next time, and stop at once "
            "if pain is sharp.",
        ),
    ],
)
def test_it_states_what_a_session_does(pairs: list[tuple[int, int]], statement: str) -> None:
    assert session_statement(session_changes(sessions(*pairs))) == statement
