"""Four weeks in the terminal, day by day: `rollcoach plan` each morning, `rollcoach session`
on session days, and the plan builds up, steps back after a flare, pauses after two and comes
back, by the same rules as the web."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from cli_support import CHECK_IDS, RED_FLAG_IDS, Answers, Run

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
GOOD, FLARE, SETTLED = (5, 4), (3, 6), (4, 4)
# (stage that morning, firmer roller offered, rolling paused, the day's session if any)
DAYS: list[tuple[int, bool, bool, tuple[int, int] | None]] = [
    (0, False, False, GOOD),
    (0, False, False, None),
    (0, False, False, GOOD),
    (0, False, False, None),
    (0, False, False, GOOD),
    (0, False, False, None),
    (0, False, False, None),
    (0, False, False, GOOD),  # a week and four good days
    (1, False, False, None),
    (1, False, False, GOOD),
    (1, False, False, None),
    (1, False, False, GOOD),
    (1, False, False, None),
    (1, False, False, None),
    (1, False, False, GOOD),  # a week at stage 1 and three good days
    (2, True, False, FLARE),  # a firmer roller is offered; pain rises by 3
    (1, False, False, FLARE),  # one flare: a step down; then a second
    (0, False, True, SETTLED),  # two flares in a row: gentle movement only, which settles
    (0, False, False, None),  # rolling comes back
]


def test_four_weeks_in_the_terminal(run: Run, answers_file: Answers) -> None:
    with time_machine.travel(MONDAY - timedelta(days=1), tick=False):
        assert (
            run("screen", "--answers", answers_file(dict.fromkeys(RED_FLAG_IDS, False))).code == 0
        )
        made = run("profile", "--area", "upper-back", "--area", "mid-back", "--roller", "soft",
                   "--roller", "firm", "--minutes", "10")  # fmt: skip
        assert made.code == 0, made.stderr
    check = answers_file(dict.fromkeys(CHECK_IDS, False))
    for number, (stage, firmer, paused, session) in enumerate(DAYS):
        morning = MONDAY + timedelta(days=number)
        where = f"day {number} ({morning:%a %d %b})"
        with time_machine.travel(morning, tick=False):
            plan = run("plan", "--json")
            assert plan.code == 0, (where, plan.stderr)
            data = plan.json()
            assert data["stage"] == stage, where
            notes = " ".join(data["notes"])
            assert ("You may try your firmer roller" in notes) is firmer, where
            assert data["rolling_paused"] is paused, where
            assert ("Rolling is paused" in notes) is paused, where
            text = run("plan")
            assert text.code == 0 and ("Stage " in text.stdout) is (stage > 0), where
            if session is not None:
                before, after = session
                done = run(
                    "session",
                    "--check-answers",
                    check,
                    "--pain-before",
                    str(before),
                    "--pain-after",
                    str(after),
                    "--speed",
                    "1000",
                    "--mute",
                )
                assert done.code == 0, (where, done.stderr)
    history = run("history", "--json").json()
    assert len(history) == sum(1 for *_, session in DAYS if session)
    assert all(item["status"] == "completed" for item in history)
