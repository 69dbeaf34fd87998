import subprocess
import sys

import pytest
import typer

from rollcoach.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_it_registers_the_commands_the_readme_promises() -> None:
    expected = {"screen", "startback", "profile", "plan", "session", "log", "history"}
    assert expected | {"exercises", "check-content"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_it_documents_every_command_with_an_example(command: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rollcoach.cli", command, "--help"],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert f"Example: rollcoach {command}" in done.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_it_mentions_every_command_in_the_readme(command: str) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert f"rollcoach {command}" in readme
