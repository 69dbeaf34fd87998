from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from rollcoach.session.engine import Event, SessionError, SessionRunner
from rollcoach.session.timeline import Step, StepKind, Timeline


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# get ready 10 | roll a 30 | rest 15 | roll b 20 | done 0  -> 75 s
TIMELINE = Timeline(
    (
        Step(0, StepKind.GET_READY, 10, "Get ready", "Lie down.", exercise="a"),
        Step(1, StepKind.ROLL, 30, "Roll a", "Slow.", exercise="a", pace_seconds=3),
        Step(2, StepKind.REST, 15, "Rest", "Rest."),
        Step(3, StepKind.ROLL, 20, "Roll b", "Slow.", exercise="b", pace_seconds=3),
        Step(4, StepKind.DONE, 0, "Well done", "Get up slowly."),
    )
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def runner(clock: FakeClock) -> SessionRunner:
    return SessionRunner(TIMELINE, clock)


def kinds(events: list[Event] | tuple[Event, ...]) -> list[tuple[str, int | None]]:
    return [(e.kind, e.step_index) for e in events]


def test_it_starts_on_the_first_step(runner: SessionRunner) -> None:
    assert runner.status == "not-started"
    assert kinds(runner.start()) == [("started", None), ("step-started", 0)]
    assert runner.status == "running"
    assert runner.current_step == TIMELINE.steps[0]
    assert runner.remaining_in_step == 10


def test_it_crosses_several_steps_in_one_tick(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(50)
    events = runner.tick()
    assert kinds(events) == [
        ("step-finished", 0),
        ("step-started", 1),
        ("step-finished", 1),
        ("step-started", 2),
    ]
    # Each boundary is stamped when it happened, not when the clock was read.
    assert [e.at for e in events] == [1010, 1010, 1040, 1040]
    assert runner.current_step == TIMELINE.steps[2]
    assert runner.remaining_in_step == 5


def test_it_completes_at_the_end(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(500)
    events = runner.tick()
    assert events[-3:] == [
        Event("step-started", 1075, 4),
        Event("step-finished", 1075, 4),
        Event("completed", 1075, None),
    ]
    assert (runner.status, runner.current_step, runner.progress) == (
        "completed",
        TIMELINE.steps[4],
        1.0,
    )
    assert runner.remaining_in_step == 0
    assert runner.summary()["exercises_completed"] == ["a", "b"]
    assert runner.summary()["seconds_active"] == 75


def test_it_leaves_paused_time_out_of_the_step(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(4)
    runner.pause()
    clock.advance(300)
    assert runner.tick() == []
    assert runner.remaining_in_step == 6
    runner.resume()
    clock.advance(5)
    assert runner.tick() == []
    clock.advance(1)
    assert kinds(runner.tick()) == [("step-finished", 0), ("step-started", 1)]
    assert runner.summary()["seconds_active"] == 10


def test_it_finishes_steps_that_ran_out_before_a_pause(
    runner: SessionRunner, clock: FakeClock
) -> None:
    runner.start()
    clock.advance(12)
    assert kinds(runner.pause()) == [("step-finished", 0), ("step-started", 1), ("paused", 1)]
    assert runner.remaining_in_step == 28


def test_it_skips_the_current_step(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(3)
    assert kinds(runner.skip()) == [("step-skipped", 0), ("step-started", 1)]
    assert runner.remaining_in_step == 30
    clock.advance(30)
    runner.tick()
    assert runner.current_step == TIMELINE.steps[2]
    summary = runner.summary()
    assert (summary["steps_done"], summary["steps_skipped"]) == (1, 1)


def test_it_skips_while_paused_and_stays_paused(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    runner.pause()
    runner.skip()
    assert (runner.status, runner.current_step) == ("paused", TIMELINE.steps[1])
    clock.advance(100)
    assert runner.remaining_in_step == 30


def test_it_completes_when_the_last_step_is_skipped(
    runner: SessionRunner, clock: FakeClock
) -> None:
    runner.start()
    clock.advance(50)
    runner.tick()
    runner.skip()
    events = runner.skip()
    assert kinds(events)[-3:] == [("step-started", 4), ("step-finished", 4), ("completed", None)]
    assert runner.status == "completed"
    assert runner.summary()["exercises_completed"] == ["a"]


def test_it_stops_when_asked(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(20)
    assert runner.stop("too tired") == [
        Event("step-finished", 1010, 0),
        Event("step-started", 1010, 1),
        Event("stopped", 1020, 1, "too tired"),
    ]
    assert (runner.status, runner.current_step) == ("stopped", TIMELINE.steps[1])
    assert runner.remaining_in_step == 0
    assert runner.summary()["seconds_active"] == 20


def test_it_ends_at_once_on_sharp_pain(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(42)
    events = runner.sharp_pain()
    assert events[-1] == Event("sharp-pain", 1042, 2, "a")
    assert runner.status == "stopped-sharp-pain"
    assert runner.summary()["sharp_pain_exercise"] == "a"
    clock.advance(100)
    assert runner.tick() == []


def test_it_keeps_sharp_pain_reported_just_as_the_session_ran_out(
    runner: SessionRunner, clock: FakeClock
) -> None:
    runner.start()
    clock.advance(80)
    events = runner.sharp_pain()
    assert kinds(events)[-2:] == [("completed", None), ("sharp-pain", 4)]
    assert runner.status == "stopped-sharp-pain"
    assert runner.summary()["sharp_pain_exercise"] == "b"


@pytest.mark.parametrize(
    ("setup", "operation", "message"),
    [
        ([], "resume", "cannot resume a session that is not-started"),
        ([], "pause", "cannot pause a session that is not-started"),
        ([], "skip", "cannot skip a step of a session that is not-started"),
        ([], "sharp_pain", "not-started"),
        (["start"], "start", "cannot start a session that is running"),
        (["start"], "resume", "cannot resume a session that is running"),
        (["start", "pause"], "pause", "cannot pause a session that is paused"),
        (["start", "finish"], "skip", "cannot skip a step of a session that is completed"),
        (["start", "finish"], "pause", "completed"),
        (["start", "finish"], "stop", "cannot stop a session that is completed"),
        (["start", "stop"], "resume", "cannot resume a session that is stopped"),
        (["start", "sharp_pain"], "skip", "stopped-sharp-pain"),
    ],
)
def test_it_refuses_invalid_operations(
    runner: SessionRunner, clock: FakeClock, setup: list[str], operation: str, message: str
) -> None:
    def finish() -> object:
        clock.advance(1000)
        return runner.tick()

    actions: dict[str, Callable[[], object]] = {
        "start": runner.start,
        "pause": runner.pause,
        "resume": runner.resume,
        "skip": runner.skip,
        "stop": lambda: runner.stop("done for today"),
        "sharp_pain": runner.sharp_pain,
        "finish": finish,
    }
    for name in setup:
        actions[name]()
    with pytest.raises(SessionError, match=message):
        actions[operation]()


def test_it_reports_progress(runner: SessionRunner, clock: FakeClock) -> None:
    assert runner.progress == 0
    runner.start()
    clock.advance(15)
    assert runner.progress == pytest.approx(15 / 75)


def test_it_resumes_paused_from_saved_state(runner: SessionRunner, clock: FakeClock) -> None:
    runner.start()
    clock.advance(22)
    runner.tick()
    state = json.loads(json.dumps(runner.to_state()))
    later = FakeClock(now=50.0)  # a restart brings a new clock
    restored = SessionRunner.from_state(TIMELINE, state, later)
    assert restored.status == "paused"
    assert restored.current_step == TIMELINE.steps[1]
    assert restored.remaining_in_step == 18
    assert restored.events[-1] == Event("paused", 50.0, 1, "interrupted")
    later.advance(60)
    restored.resume()
    later.advance(18)
    assert kinds(restored.tick()) == [("step-finished", 1), ("step-started", 2)]
    assert restored.summary()["seconds_active"] == 40
    assert restored.events[: len(runner.events)] == runner.events


@pytest.mark.parametrize(
    ("actions", "status"),
    [([], "not-started"), (["pause"], "paused"), (["stop"], "stopped"), (["done"], "completed")],
)
def test_it_keeps_other_statuses_when_restored(
    runner: SessionRunner, clock: FakeClock, actions: list[str], status: str
) -> None:
    if actions:
        runner.start()
    for action in actions:
        if action == "pause":
            runner.pause()
        elif action == "stop":
            runner.stop("later")
        else:
            clock.advance(100)
            runner.tick()
    restored = SessionRunner.from_state(TIMELINE, runner.to_state(), clock)
    assert restored.status == status
    assert restored.summary() == runner.summary()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 99}, "unknown version"),
        ({"steps": 3}, "does not belong"),
        ({"status": "dancing"}, "unknown status"),
        ({"index": 9}, "outside the timeline"),
        ({"outcomes": None}, "damaged"),
        ({"elapsed": "soon"}, "damaged"),
    ],
)
def test_it_refuses_a_state_that_does_not_fit(
    runner: SessionRunner, clock: FakeClock, change: dict[str, object], message: str
) -> None:
    runner.start()
    with pytest.raises(SessionError, match=message):
        SessionRunner.from_state(TIMELINE, {**runner.to_state(), **change}, clock)


def test_it_refuses_an_empty_timeline(clock: FakeClock) -> None:
    with pytest.raises(SessionError):
        SessionRunner(Timeline(()), clock)
