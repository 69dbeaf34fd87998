from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from rollcoach.session.timeline import WORK_KINDS, Step, Timeline

Clock = Callable[[], float]
STATE_VERSION = 1


class SessionError(ValueError):
    pass


class SessionStatus(StrEnum):
    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    COMPLETED = "completed"
    STOPPED = "stopped"
    STOPPED_SHARP_PAIN = "stopped-sharp-pain"


LIVE = frozenset({SessionStatus.RUNNING, SessionStatus.PAUSED})
FINISHED = frozenset(
    {SessionStatus.COMPLETED, SessionStatus.STOPPED, SessionStatus.STOPPED_SHARP_PAIN}
)
# A stored session is "in progress" while it is live, then takes the status it finished with.
IN_PROGRESS = "in-progress"
RECORD_STATUSES: dict[str, str] = {
    IN_PROGRESS: "In progress",
    SessionStatus.COMPLETED: "Completed",
    SessionStatus.STOPPED: "Ended early",
    SessionStatus.STOPPED_SHARP_PAIN: "Stopped: sharp pain",
}
# What the person is told when a session ends, in the terminal and in the browser.
ENDINGS: dict[str, tuple[str, str]] = {
    SessionStatus.COMPLETED: (
        "Session complete",
        "Well done. Get up slowly, and keep moving gently through the day.",
    ),
    SessionStatus.STOPPED: (
        "Session ended early",
        "Stopping early is fine. Rest, and carry on another day.",
    ),
    SessionStatus.STOPPED_SHARP_PAIN: (
        "Session stopped",
        "Nothing more today. Your next session will be gentler.",
    ),
}


def record_status(status: str) -> str:
    return IN_PROGRESS if status in LIVE else status


class EventKind(StrEnum):
    STARTED = "started"
    STEP_STARTED = "step-started"
    STEP_FINISHED = "step-finished"
    STEP_SKIPPED = "step-skipped"
    PAUSED = "paused"
    RESUMED = "resumed"
    STOPPED = "stopped"
    SHARP_PAIN = "sharp-pain"
    COMPLETED = "completed"


def event_exercise(exercises: Sequence[str | None], kind: str, index: int | None) -> str:
    """The exercise an event belongs to, given each step's exercise. Sharp pain in a rest, or at
    the very end, belongs to the exercise just done; any other event to its own step."""
    if index is None or not 0 <= index < len(exercises):
        return ""
    if kind != EventKind.SHARP_PAIN:
        return exercises[index] or ""
    return next((slug for slug in reversed(exercises[: index + 1]) if slug), "")


@dataclass(frozen=True)
class Event:
    kind: str
    at: float  # clock reading
    step_index: int | None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = str(self.kind)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            kind=str(data["kind"]),
            at=float(data["at"]),
            step_index=data["step_index"],
            detail=str(data.get("detail", "")),
        )


class SessionRunner:
    """Walks a timeline in real time. Every operation first catches up with the clock, so a
    late tick never loses a step boundary."""

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        if not timeline.steps:
            raise SessionError("a session needs at least one step")
        self.timeline = timeline
        self._clock = clock
        self._status = SessionStatus.NOT_STARTED
        self._index = 0
        self._elapsed = 0.0  # in the current step, up to _since
        self._since: float | None = None  # clock reading when the current running stretch began
        self._active = 0.0  # seconds spent in steps already left
        self._outcomes: dict[int, str] = {}
        self._events: list[Event] = []

    @property
    def status(self) -> str:
        return self._status

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    @property
    def current_step(self) -> Step:
        """The step under way; once finished, the step the session ended on."""
        return self.timeline.steps[min(self._index, len(self.timeline.steps) - 1)]

    @property
    def remaining_in_step(self) -> float:
        if self._status in FINISHED:
            return 0.0
        return max(0.0, self.current_step.seconds - self._elapsed_now())

    @property
    def progress(self) -> float:
        total = self.timeline.total_seconds
        if self._status is SessionStatus.COMPLETED:
            return 1.0
        if total == 0:
            return 0.0
        before = sum(step.seconds for step in self.timeline.steps[: self._index])
        return min(1.0, (before + self._elapsed_now()) / total)

    def start(self) -> list[Event]:
        self._require(frozenset({SessionStatus.NOT_STARTED}), "start")
        now = self._clock()
        mark = len(self._events)
        self._status = SessionStatus.RUNNING
        self._since = now
        self._emit(EventKind.STARTED, now, None)
        self._emit(EventKind.STEP_STARTED, now, 0)
        self._catch_up(now)
        return self._events[mark:]

    def tick(self) -> list[Event]:
        mark = len(self._events)
        if self._status is SessionStatus.RUNNING:
            self._catch_up(self._clock())
        return self._events[mark:]

    def pause(self) -> list[Event]:
        self._require(frozenset({SessionStatus.RUNNING}), "pause")
        now = self._clock()
        mark = len(self._events)
        self._catch_up(now)
        if self._status is SessionStatus.RUNNING:
            self._hold(now)
            self._status = SessionStatus.PAUSED
            self._emit(EventKind.PAUSED, now, self._index)
        return self._events[mark:]

    def resume(self) -> list[Event]:
        self._require(frozenset({SessionStatus.PAUSED}), "resume")
        now = self._clock()
        mark = len(self._events)
        self._status = SessionStatus.RUNNING
        self._since = now
        self._emit(EventKind.RESUMED, now, self._index)
        self._catch_up(now)
        return self._events[mark:]

    def skip(self) -> list[Event]:
        self._require(LIVE, "skip a step of")
        now = self._clock()
        mark = len(self._events)
        self._catch_up(now)
        if self._status in LIVE:
            self._leave("skipped", now, self._elapsed_now(now))
            self._catch_up(now)
        return self._events[mark:]

    def stop(self, reason: str) -> list[Event]:
        self._require(LIVE, "stop")
        now = self._clock()
        mark = len(self._events)
        self._catch_up(now)
        if self._status in LIVE:
            self._hold(now)
            self._end(SessionStatus.STOPPED, EventKind.STOPPED, now, self._index, reason)
        return self._events[mark:]

    def sharp_pain(self) -> list[Event]:
        """Ends the session at once. Accepted while the session is live even if the clock shows
        it has just run out: the report must never be lost to a late tick."""
        self._require(LIVE, "report sharp pain in")
        now = self._clock()
        mark = len(self._events)
        self._catch_up(now)
        index = self._index if self._status in LIVE else len(self.timeline.steps) - 1
        self._hold(now)
        slug = self._exercise_near(index) or ""
        self._end(SessionStatus.STOPPED_SHARP_PAIN, EventKind.SHARP_PAIN, now, index, slug)
        return self._events[mark:]

    def summary(self) -> dict[str, Any]:
        steps = self.timeline.steps
        work_by_exercise: dict[str, list[int]] = {}
        for step in steps:
            if step.kind in WORK_KINDS and step.exercise:
                work_by_exercise.setdefault(step.exercise, []).append(step.index)
        completed = [
            slug
            for slug, indexes in work_by_exercise.items()
            if all(self._outcomes.get(i) == "done" for i in indexes)
        ]
        outcomes = list(self._outcomes.values())
        return {
            "status": str(self._status),
            "steps_done": outcomes.count("done"),
            "steps_skipped": outcomes.count("skipped"),
            "seconds_active": round(self._active_now()),
            "exercises_completed": completed,
            "sharp_pain_exercise": self._sharp_pain_exercise(),
        }

    def to_state(self) -> dict[str, Any]:
        elapsed = min(float(self.current_step.seconds), self._elapsed_now())
        return {
            "version": STATE_VERSION,
            "steps": len(self.timeline.steps),
            "status": str(self._status),
            "index": self._index,
            "elapsed": elapsed,
            "active": self._active + elapsed,
            "outcomes": {str(i): outcome for i, outcome in sorted(self._outcomes.items())},
            "events": [event.to_dict() for event in self._events],
        }

    @classmethod
    def from_state(
        cls, timeline: Timeline, state: Mapping[str, Any], clock: Clock
    ) -> SessionRunner:
        """Rebuilds a runner after an interruption. A session that was running comes back
        paused at the same point, so the person chooses when to carry on."""
        if state.get("version") != STATE_VERSION:
            raise SessionError(f"saved session has unknown version {state.get('version')!r}")
        if state.get("steps") != len(timeline.steps):
            raise SessionError("saved session does not belong to this timeline")
        if state.get("status") not in set(SessionStatus):
            raise SessionError(f"saved session has unknown status {state.get('status')!r}")
        runner = cls(timeline, clock)
        try:
            runner._restore(state)
        except (KeyError, TypeError, ValueError, AttributeError) as damaged:
            raise SessionError(f"saved session is damaged: {damaged}") from damaged
        status, index = runner._status, runner._index
        # A finished session may point one past the last step.
        limit = len(timeline.steps) - (0 if status in FINISHED else 1)
        if not 0 <= index <= limit:
            raise SessionError(f"saved session points at step {index}, outside the timeline")
        if status is SessionStatus.RUNNING:
            runner._status = SessionStatus.PAUSED
            runner._emit(EventKind.PAUSED, clock(), index, "interrupted")
        return runner

    def _restore(self, state: Mapping[str, Any]) -> None:
        self._status = SessionStatus(state["status"])
        self._index = int(state["index"])
        self._elapsed = float(state["elapsed"]) if self._status not in FINISHED else 0.0
        self._active = float(state["active"]) - self._elapsed
        self._outcomes = {int(i): str(o) for i, o in state["outcomes"].items()}
        self._events = [Event.from_dict(event) for event in state["events"]]

    def _require(self, allowed: frozenset[SessionStatus], action: str) -> None:
        if self._status not in allowed:
            raise SessionError(f"cannot {action} a session that is {self._status}")

    def _emit(self, kind: EventKind, at: float, index: int | None, detail: str = "") -> None:
        self._events.append(Event(kind, at, index, detail))

    def _elapsed_now(self, now: float | None = None) -> float:
        if self._status is SessionStatus.RUNNING and self._since is not None:
            reading = self._clock() if now is None else now
            return self._elapsed + max(0.0, reading - self._since)
        return self._elapsed

    def _active_now(self) -> float:
        return self._active + self._elapsed_now()

    def _hold(self, now: float) -> None:
        """Banks the running stretch into the step's elapsed time."""
        self._elapsed = self._elapsed_now(now)
        self._since = None

    def _catch_up(self, now: float) -> None:
        while self._status in LIVE:
            step = self.timeline.steps[self._index]
            if self._elapsed_now(now) < step.seconds:
                return
            if self._status is SessionStatus.RUNNING and self._since is not None:
                # The moment the step ran out, not the moment the clock was read.
                finished_at = self._since + (step.seconds - self._elapsed)
            else:
                finished_at = now
            self._leave("done", finished_at, float(step.seconds))

    def _leave(self, outcome: str, at: float, spent: float) -> None:
        index = self._index
        self._outcomes[index] = outcome
        self._active += spent
        kind = EventKind.STEP_FINISHED if outcome == "done" else EventKind.STEP_SKIPPED
        self._emit(kind, at, index)
        self._elapsed = 0.0
        if index + 1 == len(self.timeline.steps):
            self._index = index + 1
            self._status = SessionStatus.COMPLETED
            self._since = None
            self._emit(EventKind.COMPLETED, at, None)
            return
        self._index = index + 1
        if self._status is SessionStatus.RUNNING:
            self._since = at
        self._emit(EventKind.STEP_STARTED, at, self._index)

    def _end(
        self, status: SessionStatus, kind: EventKind, now: float, index: int, detail: str
    ) -> None:
        self._status = status
        self._emit(kind, now, index, detail)

    def _sharp_pain_exercise(self) -> str | None:
        for event in reversed(self._events):
            if event.kind == EventKind.SHARP_PAIN and event.step_index is not None:
                return self._exercise_near(event.step_index)
        return None

    def _exercise_near(self, index: int) -> str | None:
        slugs = [step.exercise for step in self.timeline.steps]
        return event_exercise(slugs, EventKind.SHARP_PAIN, index) or None
