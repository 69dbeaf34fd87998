"""The live terminal session: draws the runner's state, reads keys, speaks cues."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from rollcoach.catalog.model import Exercise
from rollcoach.session.engine import SessionRunner
from rollcoach.session.timeline import Step, StepKind, Timeline

KEYS = "space: pause/resume   n: next step   q: stop   x: SHARP PAIN"


def print_timeline(console: Console, timeline: dict[str, Any]) -> None:
    table = Table("#", "step", "exercise", "side", "seconds")
    for step in timeline["steps"]:
        table.add_row(
            str(step["index"] + 1),
            step["title"],
            step.get("exercise") or "",
            step.get("side") or "",
            str(step["seconds"]),
        )
    console.print(table)
    total = int(timeline["total_seconds"])
    console.print(f"Total: {total // 60} min {total % 60} s")


def print_exercise(console: Console, exercise: Exercise) -> None:
    console.print(f"[bold]{exercise.name}[/bold] ({exercise.slug})")
    console.print(exercise.summary, markup=False)
    console.print(f"Dose: {exercise.dose.describe()}", markup=False)
    console.print(f"Targets: {', '.join(exercise.target_muscles)}", markup=False)
    console.print(f"Roller: {', '.join(exercise.densities) or 'none needed'}", markup=False)
    console.print(f"Start: {exercise.setup}", markup=False)
    for number, step in enumerate(exercise.steps, 1):
        console.print(f"  {number}. {step}", markup=False)
    for cue in exercise.cues:
        console.print(f"  - {cue}", markup=False)
    if exercise.contraindications:
        console.print(f"Not for: {', '.join(exercise.contraindications)}", markup=False)
    if exercise.regression:
        console.print(f"Easier: {exercise.regression}", markup=False)
    console.print(f"Source: {exercise.source}", style="dim", markup=False)


class Voice:
    def __init__(self, enabled: bool) -> None:
        self.command = shutil.which("espeak-ng") if enabled else None
        self.process: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        if self.command is None:
            return
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        with contextlib.suppress(OSError):
            self.process = subprocess.Popen(
                [self.command, "-s", "150", text],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


@contextlib.contextmanager
def key_reader() -> Iterator[Callable[[], str | None]]:
    """Single key presses without Enter, when there is a terminal; otherwise no keys."""
    if not sys.stdin.isatty():
        yield lambda: None
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)

    def read() -> str | None:
        ready, _, _ = select.select([sys.stdin], [], [], 0)
        return os.read(fd, 1).decode(errors="ignore") if ready else None

    try:
        yield read
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def pace_text(step: Step, elapsed: float) -> str:
    if step.kind is not StepKind.ROLL or not step.pace_seconds:
        return ""
    stroke = int(elapsed // step.pace_seconds)
    return ("↑ roll slowly up" if stroke % 2 == 0 else "↓ roll slowly down") + (
        f"  (one pass every {step.pace_seconds} s)"
    )


def render(runner: SessionRunner) -> Panel:
    step = runner.current_step
    remaining = max(0, int(round(runner.remaining_in_step)))
    elapsed = step.seconds - runner.remaining_in_step
    header = Text(step.title, style="bold")
    if step.side:
        header.append(f"  ({step.side} side)")
    if step.set_number and step.sets and step.sets > 1:
        header.append(f"  set {step.set_number} of {step.sets}")
    parts: list[Any] = [header, Text(step.cue)]
    parts.append(Text(f"{remaining // 60}:{remaining % 60:02d}", style="bold cyan"))
    pace = pace_text(step, elapsed)
    if pace:
        parts.append(Text(pace, style="yellow"))
    if runner.status == "paused":
        parts.append(Text("PAUSED: press space to resume", style="bold magenta"))
    parts.append(ProgressBar(total=1.0, completed=runner.progress, width=40))
    parts.append(Text(KEYS, style="dim"))
    return Panel(Group(*parts), title="rollcoach session")


def scaled_clock(speed: float) -> Callable[[], float]:
    origin = time.monotonic()
    return lambda: origin + (time.monotonic() - origin) * speed


def ask_pain(console: Console, prompt: str) -> int:
    from rich.prompt import Prompt

    from rollcoach.safety.session_rules import PainScoreError, validate_pain

    while True:
        answer = Prompt.ask(prompt, console=console)
        try:
            return validate_pain(answer)
        except PainScoreError as error:
            console.print(str(error), markup=False)


def pre_session_check(console: Console, user: Any, answers: dict[str, object] | None) -> None:
    from django.utils import timezone
    from rich.prompt import Confirm

    from rollcoach.content.screens import load_pre_session
    from rollcoach.planning.planner import PlanBlocked
    from rollcoach.safety.redflags import Level
    from rollcoach.web.coach.services.screening import take_pre_session_check

    if answers is None:
        if not sys.stdin.isatty():
            raise ValueError("the pre-session check needs answers: pass --check-answers FILE")
        console.print("[bold]Before you start[/bold]: a quick check that nothing has changed.")
        answers = {q.id: Confirm.ask(q.text, console=console) for q in load_pre_session()}
    _, result = take_pre_session_check(user=user, answers=answers, now=timezone.now())
    if result.level is not Level.PROCEED:
        raise PlanBlocked(f"{result.level.value}: {result.guidance}")


class Recorder:
    """Stores the terminal session as the browser's is stored: each save is an upload of the
    runner's whole state, recorded by the same service."""

    def __init__(self, user: Any, plan: Any, clock: Callable[[], float], speed: float) -> None:
        from django.utils import timezone

        from rollcoach.web.coach.selectors import resume_state, unfinished_session

        self.user, self.plan, self.speed = user, plan, speed
        self.origin = (clock(), timezone.now())
        log = unfinished_session(user, plan)
        state = resume_state(log, self.reading) if log is not None else None
        if log is not None and state is not None:
            self.runner = SessionRunner.from_state(Timeline.from_dict(log.timeline), state, clock)
            self.client_id, self.started_at, self.revision = (
                log.client_id,
                log.started_at,
                log.revision,
            )
            self.pain_before: int | None = log.pain_before
            self.resumed = True
        else:
            self.runner = SessionRunner(Timeline.from_dict(plan.timeline), clock)
            self.client_id, self.started_at, self.revision = uuid.uuid4().hex, self.origin[1], 0
            self.pain_before = None
            self.resumed = False

    def moment(self, reading: float) -> datetime:
        return self.origin[1] + timedelta(seconds=(reading - self.origin[0]) / self.speed)

    def reading(self, moment: datetime) -> float:
        return self.origin[0] + (moment - self.origin[1]).total_seconds() * self.speed

    def upload(self, pain_before: int, pain_after: int | None = None) -> Any:
        """The session as it stands, in the form the browser's player uploads it."""
        from rollcoach.web.coach.upload import SessionUpload

        return SessionUpload.from_runner(
            self.runner,
            client_id=self.client_id,
            plan_id=self.plan.pk,
            revision=self.revision,
            pain_before=pain_before,
            pain_after=pain_after,
            started_at=self.started_at,
            at=self.moment,
        )

    def save(self, pain_before: int, pain_after: int | None = None) -> None:
        from rollcoach.web.coach.services.sessions import record_session

        self.revision += 1
        record_session(user=self.user, upload=self.upload(pain_before, pain_after))


def run_live(
    console: Console,
    user: Any,
    plan: Any,
    *,
    pain_before: int | None,
    pain_after: int | None,
    check_answers: dict[str, object] | None,
    speak: bool,
    speed: float,
) -> None:
    from rich.live import Live

    from rollcoach.safety.session_rules import SHARP_PAIN_ADVICE
    from rollcoach.session.engine import ENDINGS
    from rollcoach.session.vocabulary import SHARP_PAIN_SPOKEN

    interactive = sys.stdin.isatty()
    pre_session_check(console, user, check_answers)
    recorder = Recorder(user, plan, scaled_clock(speed), speed)
    runner = recorder.runner
    if recorder.resumed:
        runner.resume()
        console.print("Resuming your unfinished session where it stopped.")
    pain_before = recorder.pain_before if recorder.pain_before is not None else pain_before
    if pain_before is None:
        if not interactive:
            raise ValueError("pain before the session is needed: pass --pain-before N (0-10)")
        pain_before = ask_pain(console, "Pain right now, 0 (none) to 10 (worst)")
    if not recorder.resumed:
        runner.start()
    voice = Voice(speak)
    spoken = -1
    saved_steps = -1
    with (
        key_reader() as read_key,
        Live(render(runner), console=console, auto_refresh=False) as live,
    ):
        while runner.status in ("running", "paused"):
            key = read_key()
            if key == " ":
                runner.resume() if runner.status == "paused" else runner.pause()
            elif key in ("n", "N") and runner.status == "running":
                runner.skip()
            elif key in ("q", "Q"):
                runner.stop("stopped by the person")
            elif key in ("x", "X"):
                runner.sharp_pain()
            runner.tick()
            if runner.status in ("running", "paused"):
                step = runner.current_step
                if step.index != spoken:
                    voice.say(step.spoken)
                    spoken = step.index
                if step.index != saved_steps:
                    recorder.save(pain_before)
                    saved_steps = step.index
                live.update(render(runner), refresh=True)
            time.sleep(0.05)
    recorder.save(pain_before)
    status = runner.status
    if status == "stopped-sharp-pain":
        console.print(Panel(SHARP_PAIN_ADVICE, title="Sharp pain: session stopped", style="red"))
        voice.say(SHARP_PAIN_SPOKEN)
    elif status == "completed":
        voice.say(runner.timeline.steps[-1].spoken)
    if pain_after is None and interactive:
        pain_after = ask_pain(console, "Pain now, after the session, 0 to 10")
    if pain_after is not None:
        recorder.save(pain_before, pain_after)
    summary = runner.summary()
    title, note = ENDINGS[status]
    console.print(
        f"{title}: {summary.get('steps_done', 0)} steps done, "
        f"{summary.get('steps_skipped', 0)} skipped. {note} See `rollcoach history`."
    )
