"""The Python engine against the shared scenarios in tests/scenarios/, which runner.js is tested
against too (tests/js/runner.test.mjs): the two engines cannot drift apart unnoticed."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rollcoach.session.engine import SessionError, SessionRunner
from rollcoach.session.timeline import Timeline
from rollcoach.session.vocabulary import player_vocabulary

FOLDER = Path(__file__).resolve().parents[1] / "scenarios"
FILES = sorted(FOLDER.glob("*.json"))
ACTIONS = {"start", "tick", "pause", "resume", "skip", "stop", "sharp_pain"}


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_scenarios", FOLDER / "make_scenarios.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def iso(start: datetime, reading: float) -> str:
    moment = start + timedelta(milliseconds=round(reading * 1000))
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def act(runner: SessionRunner, entry: dict[str, Any]) -> None:
    """One scripted action; the script names the runner's own methods."""
    assert entry["action"] in ACTIONS, entry
    if entry["action"] == "stop":
        runner.stop(entry["reason"])
    else:
        getattr(runner, entry["action"])()


def play(data: dict[str, Any]) -> tuple[list[dict[str, Any]], SessionRunner]:
    clock = Clock()
    runner = SessionRunner(Timeline.from_dict(data["timeline"]), clock)
    snapshots = []
    for entry in data["script"]:
        clock.now = float(entry["at"])
        try:
            act(runner, entry)
            refused = False
        except SessionError:
            refused = True
        state = runner.to_state()
        snapshots.append(
            {
                "refused": refused,
                "status": runner.status,
                "index": state["index"],
                "remaining": round(runner.remaining_in_step, 3),
                "active": round(state["active"], 3),
                "outcomes": state["outcomes"],
                "event_count": len(runner.events),
            }
        )
    return snapshots, runner


def test_there_are_scenarios() -> None:
    assert len(FILES) >= 4


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_the_python_engine_plays_each_scenario_as_expected(path: Path) -> None:
    data = load(path)
    expected = data["expected"]
    snapshots, runner = play(data)
    assert len(snapshots) == len(expected["snapshots"])
    for number, (entry, got, wanted) in enumerate(
        zip(data["script"], snapshots, expected["snapshots"], strict=True)
    ):
        assert got == wanted, f"after action {number} ({entry['action']} at {entry['at']} s)"
    start = datetime.fromisoformat(data["start"].replace("Z", "+00:00"))
    events = [
        {
            "seq": seq,
            "kind": event.kind,
            "step_index": event.step_index,
            "at": iso(start, event.at),
            "detail": event.detail,
        }
        for seq, event in enumerate(runner.events)
    ]
    assert events == expected["events"]
    assert runner.summary() == expected["summary"]


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_each_scenario_carries_the_players_vocabulary(path: Path) -> None:
    assert load(path)["vocabulary"] == player_vocabulary()


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_each_scenario_is_well_formed(path: Path) -> None:
    data = load(path)
    assert data["name"] == path.stem
    assert data["start"].endswith(".000Z")
    assert Timeline.from_dict(data["timeline"]).to_dict() == data["timeline"]
    times = [entry["at"] for entry in data["script"]]
    assert times == sorted(times) and data["script"][0]["action"] == "start"
    assert len(data["expected"]["snapshots"]) == len(data["script"])
    assert data["expected"]["snapshots"][-1]["event_count"] == len(data["expected"]["events"])


def test_the_files_are_what_the_script_writes() -> None:
    written = maker().files()
    assert sorted(written) == FILES, "run .venv/bin/python tests/scenarios/make_scenarios.py"
    for path, text in written.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run .venv/bin/python tests/scenarios/make_scenarios.py"
        )


def sharp_pain_step(data: dict[str, Any]) -> dict[str, Any] | None:
    steps: list[dict[str, Any]] = data["timeline"]["steps"]
    for event in data["expected"]["events"]:
        if event["kind"] == "sharp-pain":
            return steps[event["step_index"]]
    return None


def test_the_scenarios_cover_what_the_engines_must_agree_on() -> None:
    scenarios = [load(path) for path in FILES]

    def actions(data: dict[str, Any]) -> set[str]:
        return {entry["action"] for entry in data["script"]}

    def final(data: dict[str, Any]) -> str:
        return str(data["expected"]["summary"]["status"])

    between_sets = [
        data
        for data in scenarios
        if {"pause", "resume", "skip", "sharp_pain"} <= actions(data)
        and (step := sharp_pain_step(data)) is not None
        and step["kind"] == "rest"
        and step["exercise"]
    ]
    between_exercises = [
        data
        for data in scenarios
        if (step := sharp_pain_step(data)) is not None
        and step["kind"] == "rest"
        and not step["exercise"]
    ]
    assert between_sets and between_exercises
    assert any(final(data) == "completed" for data in scenarios)
    assert any(final(data) == "stopped" for data in scenarios)
    kinds = {step["kind"] for step in scenarios[0]["timeline"]["steps"]}
    assert {"roll", "hold", "reps", "rest", "switch-side"} <= kinds
    snapshots = [snapshot for data in scenarios for snapshot in data["expected"]["snapshots"]]
    assert any(snapshot["refused"] for snapshot in snapshots)
