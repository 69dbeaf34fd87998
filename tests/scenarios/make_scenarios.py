"""Writes the shared session scenarios: scripts of actions and what the Python engine makes of them.

Both engines are tested against these files (tests/session/test_shared_scenarios.py for
SessionRunner, tests/js/runner.test.mjs for runner.js), so they cannot drift apart. The expected
values come from the Python engine, the reference. After a deliberate change to it or to the
vocabulary, run

    .venv/bin/python tests/scenarios/make_scenarios.py

read the difference, and commit it with the change. A test fails while the files are stale.

The timeline was built with build_timeline from real exercises of the catalog (EXERCISES), and
is then kept as committed, so that editing an exercise's wording or dose changes no contract.
`--rebuild-timeline` builds it afresh from the catalog.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rollcoach.content.loader import load_catalog
from rollcoach.session.engine import Event, SessionError, SessionRunner
from rollcoach.session.timeline import Timeline, build_timeline
from rollcoach.session.vocabulary import player_vocabulary

HERE = Path(__file__).resolve().parent
START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
# A hold with two sets (a rest between them), a roll on each side, and repetitions: every work
# kind, a rest between sets and rests between exercises.
EXERCISES = ("doorway-chest-stretch", "lat-release", "wall-angels")

# name -> (what it shows, the script: (clock seconds, action, reason for a stop))
Script = list[tuple[float, str] | tuple[float, str, str]]
SCENARIOS: dict[str, tuple[str, Script]] = {
    "pause-skip-sharp-pain-between-sets": (
        "Paused in the first get-ready, resumed, the first hold skipped part-way, then sharp "
        "pain in the rest between its two sets; nothing is accepted afterwards.",
        [
            (0, "start"),
            (5, "tick"),
            (10.3, "pause"),
            (25, "tick"),
            (40, "resume"),
            (41, "tick"),
            (50, "tick"),
            (52.5, "skip"),
            (60, "sharp_pain"),
            (61, "tick"),
            (70, "resume"),
        ],
    ),
    "sharp-pain-between-exercises": (
        "One late tick crosses four steps into the rest between the first two exercises; sharp "
        "pain there belongs to the exercise just done. Its 102.5 active seconds round to even.",
        [
            (0, "start"),
            (14, "tick"),
            (100, "tick"),
            (102.5, "sharp_pain"),
        ],
    ),
    "completed": (
        "Paused during the left-side roll, resumed, then one tick long after the end catches up "
        "every step; sharp pain after the end is refused.",
        [
            (0, "start"),
            (30, "tick"),
            (120, "pause"),
            (150, "resume"),
            (200, "tick"),
            (1000, "tick"),
            (1001, "sharp_pain"),
        ],
    ),
    "stopped-early": (
        "The first hold skipped, a pause in the rest between sets, that rest skipped while "
        "paused, resumed, then ended early during the second hold.",
        [
            (0, "start"),
            (20, "tick"),
            (25, "skip"),
            (30, "pause"),
            (35, "skip"),
            (40, "resume"),
            (55, "tick"),
            (61.5, "stop", "ended early"),
            (70, "resume"),
        ],
    ),
    "sharp-pain-after-the-clock-ran-out": (
        "Sharp pain reported when the clock has passed the end but no tick has caught up yet: "
        "the session completes first, and the report is still kept, on the last step.",
        [
            (0, "start"),
            (300, "tick"),
            (400, "sharp_pain"),
        ],
    ),
}


def timeline(rebuild: bool = False) -> Timeline:
    """The committed timeline (every scenario has the same one), or a fresh build."""
    committed = sorted(HERE.glob("*.json"))
    if committed and not rebuild:
        return Timeline.from_dict(json.loads(committed[0].read_text(encoding="utf-8"))["timeline"])
    catalog = load_catalog()
    return build_timeline([(catalog.get(slug), catalog.get(slug).dose) for slug in EXERCISES])


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def moment(seconds: float) -> str:
    """A clock reading as the browser writes it: ISO 8601 in UTC, whole milliseconds, Z."""
    at = START + timedelta(milliseconds=round(seconds * 1000))
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def event(seq: int, item: Event) -> dict[str, Any]:
    return {
        "seq": seq,
        "kind": item.kind,
        "step_index": item.step_index,
        "at": moment(item.at),
        "detail": item.detail,
    }


def snapshot(runner: SessionRunner, refused: bool) -> dict[str, Any]:
    state = runner.to_state()
    return {
        "refused": refused,
        "status": state["status"],
        "index": state["index"],
        "remaining": round(runner.remaining_in_step, 3),
        "active": round(state["active"], 3),
        "outcomes": state["outcomes"],
        "event_count": len(state["events"]),
    }


def act(runner: SessionRunner, action: str, reason: str = "") -> None:
    actions: dict[str, Callable[[], object]] = {
        "start": runner.start,
        "tick": runner.tick,
        "pause": runner.pause,
        "resume": runner.resume,
        "skip": runner.skip,
        "stop": lambda: runner.stop(reason),
        "sharp_pain": runner.sharp_pain,
    }
    actions[action]()


def scenario(name: str, plan: Timeline) -> dict[str, Any]:
    about, script = SCENARIOS[name]
    clock = Clock()
    runner = SessionRunner(plan, clock)
    steps: list[dict[str, Any]] = []
    snapshots: list[dict[str, Any]] = []
    for entry in script:
        at, action = entry[0], entry[1]
        reason = entry[2] if len(entry) == 3 else ""
        step: dict[str, Any] = {"at": at, "action": action}
        if action == "stop":
            step["reason"] = reason
        steps.append(step)
        clock.now = float(at)
        try:
            act(runner, action, reason)
            refused = False
        except SessionError:
            refused = True
        snapshots.append(snapshot(runner, refused))
    return {
        "name": name,
        "about": about,
        "start": moment(0),
        "vocabulary": player_vocabulary(),
        "timeline": plan.to_dict(),
        "script": steps,
        "expected": {
            "events": [event(seq, item) for seq, item in enumerate(runner.events)],
            "snapshots": snapshots,
            "summary": runner.summary(),
        },
    }


def render(name: str, plan: Timeline) -> str:
    return json.dumps(scenario(name, plan), indent=2, ensure_ascii=False) + "\n"


def files(rebuild: bool = False) -> dict[Path, str]:
    plan = timeline(rebuild)
    return {HERE / f"{name}.json": render(name, plan) for name in SCENARIOS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--rebuild-timeline",
        action="store_true",
        help="build the timeline from the catalog instead of keeping the committed one",
    )
    written = files(rebuild=parser.parse_args().rebuild_timeline)
    for stale in HERE.glob("*.json"):
        stale.unlink()
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
