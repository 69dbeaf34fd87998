"""One smoke test per command family: the real `python -m rollcoach.cli` in a subprocess, on a
SQLite file of its own, migrated on first use as a person's would be. Everything else about the
commands is tested in-process (the other test_cli_* files)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import CHECK_IDS, RED_FLAG_IDS, Answers, Run

pytestmark = pytest.mark.cli

README = Path(__file__).resolve().parents[2] / "README.md"
START_BACK_HIGH: dict[str, object] = {f"SB{n}": n in (5, 6, 7, 8) for n in range(1, 9)}
START_BACK_HIGH["SB9"] = "very much"


def test_screen_and_startback(run_process: Run, answers_file: Answers) -> None:
    clear = answers_file({key: False for key in RED_FLAG_IDS})
    screened = run_process("screen", "--answers", clear, "--json")
    assert screened.code == 0, screened.stderr
    assert (screened.json()["level"], screened.stderr) == ("PROCEED", "")
    scored = run_process("startback", "--answers", answers_file(START_BACK_HIGH))
    assert scored.code == 0, scored.stderr
    assert "STarT Back: high risk (total 5)" in scored.stdout
    asked = run_process("screen", stdin="n\n")  # a pipe, not a terminal: no questions
    assert asked.code == 1
    assert asked.stderr == "Error: no terminal to ask the questions in: pass --answers FILE\n"


def test_profile_and_plan(run_process: Run, answers_file: Answers) -> None:
    made = run_process("profile", "--area", "upper-back", "--roller", "soft", "--json")
    assert made.code == 0, made.stderr
    assert made.json()["areas"] == ["upper-back"]
    clear = answers_file({key: False for key in RED_FLAG_IDS})
    assert run_process("screen", "--answers", clear).code == 0
    shown = run_process("plan")
    assert shown.code == 0, shown.stderr
    assert shown.stdout.startswith("Today (") and "This week: " in shown.stdout


def test_session(run_process: Run, answers_file: Answers) -> None:
    clear = answers_file({key: False for key in RED_FLAG_IDS})
    assert run_process("screen", "--answers", clear).code == 0
    assert run_process("profile", "--area", "upper-back", "--roller", "soft").code == 0
    check = answers_file({key: False for key in CHECK_IDS})
    done = run_process(
        "session",
        "--check-answers",
        check,
        "--pain-before",
        "5",
        "--pain-after",
        "3",
        "--speed",
        "1000",
        "--mute",
    )
    assert done.code == 0, done.stderr
    assert done.stderr == ""
    assert "See `rollcoach history`." in done.stdout
    (session,) = run_process("history", "--json").json()
    assert (session["status"], session["pain_before"], session["pain_after"]) == (
        "completed",
        5,
        3,
    )
    kinds = [event["kind"] for event in session["events"]]
    assert kinds[0] == "started" and kinds[-1] == "completed" and "step-finished" in kinds


def test_log_and_history(run_process: Run) -> None:
    saved = run_process("log", "--pain", "4", "--limit", "3", "--json")
    assert saved.code == 0, saved.stderr
    assert [line["value"] for line in saved.json()] == [4, 3]
    assert run_process("history").stdout.startswith("No sessions yet")
    nowhere = run_process("history", env={"DATABASE_URL": "sqlite:////proc/rollcoach/nowhere.db"})
    assert nowhere.code == 1
    assert nowhere.stderr.startswith("Error: cannot open the database")
    assert len(nowhere.stderr.strip().splitlines()) == 1


def test_exercises_and_check_content(run_process: Run, tmp_path: Path) -> None:
    assert len(run_process("exercises", "--json").json()) >= 12

    from rollcoach.content.loader import CONTENT_DIR

    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR / "exercises", folder / "exercises")
    shutil.copytree(CONTENT_DIR / "pictures", folder / "pictures")
    broken = folder / "exercises" / "lat-release.yaml"
    broken.write_text(broken.read_text().replace("seconds: 60", "seconds: abc"))
    result = run_process("check-content", env={"ROLLCOACH_CONTENT_DIR": str(folder)})
    assert result.code == 1
    assert "lat-release.yaml" in result.stderr and "dose.seconds" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_and_import(run_process: Run, tmp_path: Path) -> None:
    assert run_process("log", "--pain", "5", "--mobility", "sit-reach", "--value", "12").code == 0
    backup = tmp_path / "backup.json"
    assert run_process("export", "--all", "--output", str(backup)).code == 0

    fresh = {"DATABASE_URL": f"sqlite:///{tmp_path / 'restored.db'}"}  # made on first use
    restored = run_process("import", str(backup), env=fresh)
    assert restored.code == 0, restored.stderr
    assert restored.stdout.startswith("Restored ")
    mine = tmp_path / "mine.json"
    assert run_process("export", "--output", str(mine), env=fresh).code == 0
    data = json.loads(mine.read_text())
    assert [rating["value"] for rating in data["pain_ratings"]] == [5]
    assert len(data["mobility_checks"]) == 1


def _readme_help(command: str) -> str:
    heading = re.escape(f"#### {' '.join(['rollcoach', command]).strip()}")
    found = re.search(heading + r"\n\n```\n(.*?)```\n", README.read_text(), re.DOTALL)
    assert found, f"the README has no reference for `rollcoach {command}`"
    return found[1]


@pytest.mark.parametrize("command", ["", "session"])
def test_the_installed_command_prints_the_readme_reference(command: str) -> None:
    installed = Path(sys.executable).with_name("rollcoach")
    done = subprocess.run(
        [str(installed), *command.split(), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == _readme_help(command)


HELP_PROBE = """
import atexit, sys
deferred = ("django", "rollcoach.web", "rollcoach.content", "rollcoach.cli_player")
atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith(deferred))))
sys.argv[0] = "rollcoach"
from rollcoach.cli import main
main()
"""


def test_help_imports_neither_django_nor_the_content() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELP_PROBE, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: rollcoach [OPTIONS] COMMAND [ARGS]...")
    assert done.stdout.endswith("\n[]\n"), done.stdout
