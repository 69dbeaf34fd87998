"""The terminal app: a thin layer over the same services the web views use.

Imports of Django and the content are deferred into the commands so `rollcoach --help` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="Safe, guided foam rolling for back pain.\n\nStart with `rollcoach screen`, then "
    "`rollcoach profile`, `rollcoach plan` and `rollcoach session`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console()
err = Console(stderr=True)


@app.callback()
def _widths() -> None:
    # The consoles are made at import; a command run later follows the COLUMNS of its own run.
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        out.width = err.width = int(columns)


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


def now() -> datetime:
    from django.utils import timezone

    return timezone.now()


def database() -> None:
    from rollcoach.bootstrap import StorageError, setup_django

    try:
        setup_django()
    except StorageError as error:
        fail(str(error))


def services() -> Any:
    """Sets Django up and hands back the local user; every command that touches data calls it."""
    database()
    from django.db import DatabaseError

    from rollcoach.web.accounts.services import local_user

    try:
        return local_user()
    except DatabaseError as error:
        fail(f"the database could not be written, nothing was saved: {error}")


def guarded(action: Callable[[], Any]) -> Any:
    """Turns expected failures into one clear line and a non-zero exit."""
    from django.db import DatabaseError

    from rollcoach.catalog.catalog import UnknownExercise
    from rollcoach.content.errors import ContentError
    from rollcoach.planning.planner import PlanBlocked
    from rollcoach.planning.profile import ProfileError
    from rollcoach.safety.redflags import AnswerError
    from rollcoach.safety.session_rules import PainScoreError

    try:
        return action()
    except PlanBlocked as blocked:
        fail(str(blocked), code=2)
    except UnknownExercise as error:
        fail(str(error))
    except (AnswerError, ProfileError, PainScoreError, ContentError, ValueError) as error:
        fail(str(error))
    except DatabaseError as error:
        fail(f"the database could not be written, nothing was saved: {error}")


def read_answers(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        fail(f"cannot read answers file {path}: {error.strerror}")
    except json.JSONDecodeError as error:
        fail(f"answers file {path} is not valid JSON: {error.msg} (line {error.lineno})")
    if not isinstance(data, dict):
        fail(f"answers file {path} must hold a JSON object mapping question ids to true/false")
    return data


def ask_questions(questions: Any) -> dict[str, object]:
    from rich.prompt import Confirm

    if not sys.stdin.isatty():
        fail("no terminal to ask the questions in: pass --answers FILE")
    return {q.id: Confirm.ask(q.text, console=out) for q in questions}


@app.command()
def screen(
    answers: Path | None = typer.Option(
        None, "--answers", help="JSON file mapping question ids (E1..G6) to true/false."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Run the red-flag screen: whether it is safe to start, or where to go instead.

    Example: rollcoach screen --answers answers.json --json
    """
    from rollcoach.content.screens import load_red_flags

    given = read_answers(answers) if answers else None
    user = services()
    from rollcoach.web.coach.services.screening import take_red_flag_screen

    questions = load_red_flags()
    given = given if given is not None else ask_questions(questions)
    _, result = guarded(lambda: take_red_flag_screen(user=user, answers=given, now=now()))
    # The number to call: the profile's country, else the terminal's locale (LANG), else 112.
    import os

    from rollcoach.safety.emergency import Source, choose, posix_locale
    from rollcoach.safety.redflags import Level
    from rollcoach.web.coach.selectors import profile_of

    profile = profile_of(user)
    reach = choose(profile.country if profile else "", locale=posix_locale(os.environ))
    if as_json:
        emit_json(result.to_dict(reach.numbers))
        return
    out.print(f"[bold]{result.level.value}[/bold]")
    out.print(result.guidance_for(reach.numbers), markup=False)
    if result.level in (Level.EMERGENCY, Level.URGENT) and reach.source is Source.LOCALE:
        out.print(
            f"That is the number for {reach.numbers.name}, from your terminal's language "
            "setting (LANG). Anywhere else, call the local emergency number.",
            markup=False,
        )


@app.command("startback")
def start_back(
    answers: Path | None = typer.Option(
        None, "--answers", help="JSON file mapping SB1..SB8 to true/false and SB9 to a word."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Score the STarT Back screening tool (Keele University) to see which support suits you.

    Example: rollcoach startback --answers startback.json --json
    """
    from rollcoach.content.screens import load_start_back

    given = read_answers(answers) if answers else None
    user = services()
    from rollcoach.web.coach.services.screening import take_start_back

    tool = load_start_back()
    if given is None:
        from rich.prompt import Confirm, Prompt

        if not sys.stdin.isatty():
            fail("no terminal to ask the questions in: pass --answers FILE")
        given = {}
        for item in tool.items:
            if item.options:
                given[item.id] = Prompt.ask(item.text, choices=list(item.options), console=out)
            else:
                given[item.id] = Confirm.ask(item.text, console=out)
    _, result = guarded(lambda: take_start_back(user=user, answers=given, now=now()))
    if as_json:
        emit_json(result.to_dict())
        return
    out.print(f"STarT Back: [bold]{result.risk.value}[/bold] risk (total {result.total})")
    out.print(result.advice, markup=False)
    out.print(tool.statement, style="dim", markup=False)


@app.command()
def profile(
    area: list[str] = typer.Option(
        None,
        "--area",
        help="Where it hurts: neck-shoulders, upper-back, mid-back, lower-back, hips.",
    ),
    roller: list[str] = typer.Option(
        None, "--roller", help="A roller you own: soft, medium or firm. Use 'none' for no roller."
    ),
    minutes: int | None = typer.Option(None, "--minutes", help="Minutes a session (5-60)."),
    days: int | None = typer.Option(None, "--days", help="Sessions a week (1-7)."),
    floor: bool | None = typer.Option(
        None, "--floor/--no-floor", help="Whether you can get down to the floor and up again."
    ),
    condition: list[str] = typer.Option(
        None, "--condition", help="A condition that changes the plan (see --list-conditions)."
    ),
    avoid: list[str] = typer.Option(None, "--avoid", help="A body zone never to roll."),
    clear_conditions: bool = typer.Option(False, "--clear-conditions", help="Forget conditions."),
    list_conditions: bool = typer.Option(False, "--list-conditions", help="List condition ids."),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
) -> None:
    """Show or change your profile: where it hurts, your roller, your time.

    Example: rollcoach profile --area upper-back --area lower-back --roller soft

    Example: rollcoach profile --minutes 10 --days 3
    """
    from rollcoach.safety.precautions import CONDITIONS

    if list_conditions:
        for key, label in CONDITIONS.items():
            out.print(f"{key:34} {label}", markup=False, highlight=False)
        return
    user = services()
    from rollcoach.web.coach.services.profiles import update_profile

    changes = {
        "areas": area or None,
        "rollers": roller or None,
        "minutes": minutes,
        "days_per_week": days,
        "can_get_to_floor": floor,
        "conditions": [] if clear_conditions else (condition or None),
        "avoid_zones": avoid or None,
    }
    saved = guarded(lambda: update_profile(user=user, changes=changes))
    if as_json:
        emit_json(saved.to_dict())
        return
    table = Table(show_header=False, box=None)
    for key, value in saved.to_dict().items():
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        table.add_row(key.replace("_", " "), shown or "-")
    out.print(table)
    if not saved.is_complete:
        out.print("Set where it hurts with --area to get a plan.")


@app.command()
def clearance(
    clinician: str = typer.Option(..., "--clinician", help="Who reviewed you, e.g. 'my GP'."),
    said: str = typer.Option(..., "--said", help="What they told you, in your own words."),
    on: str | None = typer.Option(
        None, "--on", help="The day you were seen, YYYY-MM-DD (default: today)."
    ),
) -> None:
    """Record a clinician's review of what pauses or stops your programme.

    It clears the screen answers and conditions in force now, and nothing added later.

    Example: rollcoach clearance --clinician "my GP" --said "Start gently"
    """
    from datetime import date

    given_on = guarded(lambda: date.fromisoformat(on)) if on else now().date()
    user = services()
    from rollcoach.web.coach.selectors import clearance_labels
    from rollcoach.web.coach.services.clearances import ClearanceError, record_clearance

    try:
        saved = record_clearance(
            user=user, given_on=given_on, clinician=clinician, said=said, now=now()
        )
    except ClearanceError as error:
        fail(str(error))
    labels = clearance_labels()
    out.print(f"Recorded: {saved.clinician} saw you on {saved.given_on}. It clears:", markup=False)
    for item in saved.covers:
        out.print(f"- {labels.get(item, item)}", markup=False)


@app.command()
def plan(
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON."),
) -> None:
    """Show today's session and this week's schedule, fitted to your profile and history.

    Example: rollcoach plan --json
    """
    user = services()
    from rollcoach.web.coach.selectors import start_back_advice, week_for
    from rollcoach.web.coach.services.plans import plan_for_today

    today_plan = guarded(lambda: plan_for_today(user=user, now=now()))
    week = week_for(user, now())
    advice = start_back_advice(user)
    if as_json:
        days = [day.isoformat() for day in week]
        emit_json({**today_plan.data, "week": days, "start_back_advice": advice})
        return
    out.print(f"[bold]Today[/bold] ({today_plan.day}): about {today_plan.total_seconds // 60} min")
    table = Table("exercise", "dose", "roller", "why")
    for item in today_plan.data["items"]:
        table.add_row(item["name"], item["dose"]["text"], item["density"] or "-", item["why"])
    out.print(table)
    for note in [*today_plan.data.get("notes", []), *([advice] if advice else [])]:
        out.print(f"- {note}", markup=False)
    out.print("This week: " + ", ".join(day.strftime("%a %d %b") for day in week))


@app.command()
def session(
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the timeline without waiting."),
    as_json: bool = typer.Option(False, "--json", help="With --dry-run: print it as JSON."),
    pain_before: str | None = typer.Option(None, "--pain-before", help="Pain now, 0-10."),
    pain_after: str | None = typer.Option(
        None, "--pain-after", help="Pain after the session, 0-10 (asked at the end if absent)."
    ),
    check_answers: Path | None = typer.Option(
        None, "--check-answers", help="JSON answers to the pre-session check (else asked)."
    ),
    mute: bool = typer.Option(False, "--mute", help="No spoken cues."),
    speed: float = typer.Option(
        1.0, "--speed", min=1.0, max=1000.0, help="Run the clock faster, to try the flow."
    ),
    workout: str | None = typer.Option(
        None,
        "--workout",
        help="A short rolling session 'before' or 'after' a workout, instead of today's plan.",
    ),
) -> None:
    """Run today's session live: countdowns, slow-rolling pace, pauses to breathe.

    Keys: space pauses or resumes, n skips a step, q stops, x means SHARP PAIN (stops at once).

    Example: rollcoach session --dry-run --json

    Example: rollcoach session --workout before
    """
    from rollcoach.safety.session_rules import validate_pain

    before = guarded(lambda: validate_pain(pain_before)) if pain_before is not None else None
    after = guarded(lambda: validate_pain(pain_after)) if pain_after is not None else None
    if workout not in (None, "before", "after"):
        fail(f"--workout must be 'before' or 'after', got {workout!r}")
    purpose = f"{workout}-workout" if workout else "programme"
    given_check = read_answers(check_answers) if check_answers else None
    user = services()
    from rollcoach.web.coach.services.plans import plan_for_today

    today_plan = guarded(lambda: plan_for_today(user=user, now=now(), purpose=purpose))
    if dry_run:
        from rollcoach.cli_player import print_timeline

        if as_json:
            emit_json(today_plan.timeline)
        else:
            print_timeline(out, today_plan.timeline)
        return
    from rollcoach.cli_player import run_live

    guarded(
        lambda: run_live(
            out,
            user,
            today_plan,
            pain_before=before,
            pain_after=after,
            check_answers=given_check,
            speak=not mute,
            speed=speed,
        )
    )


@app.command()
def log(
    pain: str | None = typer.Option(None, "--pain", help="Average pain this week, 0-10."),
    limit: str | None = typer.Option(None, "--limit", help="How much pain limited your day, 0-10."),
    mobility: str | None = typer.Option(
        None,
        "--mobility",
        help="A self-test: thoracic-rotation, fingertip-floor, occiput-wall or sit-reach.",
    ),
    value: float | None = typer.Option(None, "--value", help="The self-test score (left side)."),
    right: float | None = typer.Option(None, "--right", help="Right side, for rotation."),
    as_json: bool = typer.Option(False, "--json", help="Print what was saved as JSON."),
) -> None:
    """Record weekly pain, how much pain limited your day, or a mobility self-test.

    Example: rollcoach log --pain 4 --limit 3

    Example: rollcoach log --mobility thoracic-rotation --value 42 --right 48
    """
    if pain is None and limit is None and mobility is None:
        fail("nothing to log: give --pain, --limit or --mobility (see rollcoach log --help)")
    user = services()
    from rollcoach.web.coach.services.measures import record_measures

    saved = guarded(
        lambda: record_measures(
            user=user,
            now=now(),
            weekly=pain,
            limit=limit,
            mobility=mobility,
            value=value,
            right=right,
        )
    )
    if as_json:
        emit_json(saved)
        return
    for line in saved:
        out.print(f"Saved {line['what']}: {line['value']}", markup=False)


@app.command()
def history(
    as_json: bool = typer.Option(False, "--json", help="Print the history as JSON."),
) -> None:
    """List your past sessions with pain before and after.

    Example: rollcoach history --json
    """
    user = services()
    from rollcoach.web.coach.selectors import session_history

    sessions = session_history(user)
    if as_json:
        emit_json(sessions)
        return
    if not sessions:
        out.print("No sessions yet: start one with `rollcoach session`.")
        return
    table = Table("started", "status", "pain before", "pain after", "minutes")
    for item in sessions:
        table.add_row(
            item["started_at"][:16].replace("T", " "),
            item["status"],
            _score(item["pain_before"]),
            _score(item["pain_after"]),
            str(round(item["seconds_active"] / 60, 1)),
        )
    out.print(table)


def _score(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


@app.command()
def exercises(
    slug: str | None = typer.Argument(None, help="Show one exercise in full."),
    area: str | None = typer.Option(None, "--area", help="Only those for this pain area."),
    density: str | None = typer.Option(None, "--density", help="Only those for this roller."),
    no_roller: bool = typer.Option(False, "--no-roller", help="Only moves that need no roller."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the exercise catalogue, or show one exercise.

    Example: rollcoach exercises thoracic-spine-release

    Example: rollcoach exercises --area lower-back --json
    """
    from rollcoach.catalog.catalog import core_first
    from rollcoach.catalog.model import Area, Density
    from rollcoach.catalog.serialize import exercise_to_dict
    from rollcoach.content.loader import load_catalog

    catalog = guarded(load_catalog)
    if slug is not None:
        exercise = guarded(lambda: catalog.get(slug))
        if as_json:
            emit_json(exercise_to_dict(exercise))
            return
        from rollcoach.cli_player import print_exercise

        print_exercise(out, exercise)
        return
    chosen_area = guarded(lambda: Area(area)) if area else None
    chosen_density = guarded(lambda: Density(density)) if density else None
    found = core_first(
        catalog.filter(area=chosen_area, density=chosen_density, no_roller=no_roller)
    )
    if as_json:
        emit_json([exercise_to_dict(exercise) for exercise in found])
        return
    table = Table("slug", "name", "dose", "roller")
    for exercise in found:
        rollers = ", ".join(exercise.densities) or "none"
        table.add_row(exercise.slug, exercise.name, exercise.dose.describe(), rollers)
    out.print(table)


@app.command("check-content")
def check_content() -> None:
    """Validate every content file (exercises, screens, articles); non-zero exit names a bad file.

    Example: rollcoach check-content
    """
    from rollcoach.content.articles import load_articles
    from rollcoach.content.loader import load_catalog
    from rollcoach.content.screens import load_pre_session, load_red_flags, load_start_back

    catalog = guarded(load_catalog)
    guarded(load_red_flags)
    guarded(load_start_back)
    guarded(load_pre_session)
    articles = guarded(load_articles)
    out.print(f"Content is valid: {len(catalog)} exercises, {len(articles)} articles, screens.")


@app.command("export")
def export(
    output: Path = typer.Option(..., "--output", "-o", help="The JSON file to write."),
    everything: bool = typer.Option(
        False, "--all", help="Back up the whole database (every person), not only your own data."
    ),
) -> None:
    """Download your own data as JSON, or back up the whole database with --all.

    Example: rollcoach export --output my-data.json

    Example: rollcoach export --all --output backup.json
    """
    if everything:
        # A backup reads the database as it is: it must not add the local person to it.
        database()
        from rollcoach.web.backup import write_backup

        rows, skipped = guarded(lambda: write_backup(output))
        out.print(f"Backed up {rows} rows to {output}.")
        for bad in skipped:
            err.print(
                f"Left out {bad.model} row {bad.pk}: it cannot be read back ({bad.error}).",
                markup=False,
                highlight=False,
            )
        return
    user = services()
    from rollcoach.web.accounts.export import export_user_data

    data = guarded(lambda: export_user_data(user))
    try:
        output.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    out.print(f"Your data is in {output}.")


@app.command("import")
def import_backup(
    backup: Path = typer.Argument(..., help="A file written by `rollcoach export --all`."),
) -> None:
    """Restore a backup made with `rollcoach export --all` into an empty database.

    Example: rollcoach import backup.json
    """
    database()
    from rollcoach.web.backup import BackupError, restore_backup

    try:
        rows = restore_backup(backup)
    except BackupError as error:
        fail(str(error))
    out.print(f"Restored {rows} rows from {backup}.")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
