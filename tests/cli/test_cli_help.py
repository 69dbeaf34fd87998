"""Every command is documented: help with an example that parses, help for every option, and a
README whose command reference is what the commands print."""

import contextlib
import io
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer
from cogapp import Cog

from rollcoach.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"
GENERATED = re.compile(r"\[\[\[cog.*?\[\[\[end\]\]\]", re.DOTALL)


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command under the app, groups and their commands included."""
    yield path
    for name, subcommand in getattr(command, "commands", {}).items():
        yield from walk(subcommand, (*path, name))


ROOT = typer.main.get_command(app)
PATHS = list(walk(ROOT))  # () is `rollcoach` itself
COMMANDS = [path for path in PATHS if path]


def command_at(path: tuple[str, ...]) -> Any:
    command: Any = ROOT
    for name in path:
        command = command.commands[name]
    return command


def help_text(path: tuple[str, ...]) -> str:
    """What `rollcoach PATH --help` prints in a terminal 100 columns wide, as the README's
    reference is made (CliRunner would print it 80 wide)."""
    text = io.StringIO()
    with mock.patch.dict(os.environ, {"COLUMNS": "100"}), contextlib.redirect_stdout(text):
        status = app([*path, "--help"], prog_name="rollcoach", standalone_mode=False)
    assert status == 0
    return text.getvalue()


def examples(path: tuple[str, ...]) -> list[str]:
    lines = [line.strip() for line in help_text(path).splitlines()]
    found = [n for n, line in enumerate(lines) if "Example:" in line]
    for n in found:
        # A paragraph of one line: help is rewrapped, so a long example would break in two and
        # two examples with no blank line between them would run together.
        assert lines[n + 1] == "", f"`{name(path)} --help` wraps an example: {lines[n : n + 2]}"
    return [lines[n] for n in found]


def name(path: tuple[str, ...]) -> str:
    return " ".join(["rollcoach", *path])


def test_it_registers_the_commands_the_readme_promises() -> None:
    expected = {"screen", "startback", "profile", "plan", "session", "log", "history"}
    expected |= {"exercises", "check-content", "export", "import"}
    assert expected <= {path[0] for path in COMMANDS}


@pytest.mark.parametrize("path", COMMANDS, ids=name)
def test_it_documents_every_command_with_an_example(path: tuple[str, ...]) -> None:
    found = examples(path)
    assert found, f"`{name(path)} --help` shows no `Example: {name(path)} ...` line"
    for line in found:
        assert line.startswith(f"Example: {name(path)}"), line


@pytest.mark.parametrize("path", COMMANDS, ids=name)
def test_its_examples_are_commands_that_parse(path: tuple[str, ...]) -> None:
    command = command_at(path)
    for line in examples(path):
        words = shlex.split(line.removeprefix("Example: "))
        assert words[: len(path) + 1] == ["rollcoach", *path], line
        # Raises a UsageError for an unknown option, a missing value or a bad number.
        command.make_context(name(path), words[len(path) + 1 :])


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_it_documents_every_option_and_argument(path: tuple[str, ...]) -> None:
    for param in command_at(path).params:
        assert getattr(param, "help", None), f"{name(path)}: {param.name} has no help"


@pytest.mark.parametrize("path", COMMANDS, ids=name)
def test_it_mentions_every_command_in_the_readme(path: tuple[str, ...]) -> None:
    written = GENERATED.sub("", README.read_text())
    assert name(path) in written, "the README's own text never shows it"


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_the_readme_reference_has_every_command(path: tuple[str, ...]) -> None:
    (reference,) = GENERATED.findall(README.read_text())
    assert f"\n#### {name(path)}\n\n```\n{help_text(path)}```\n" in reference


def test_the_readme_reference_is_current() -> None:
    report = io.StringIO()
    cog = Cog()
    cog.set_output(stdout=report, stderr=report)
    status = cog.main(["cog", "--check", "--diff", str(README)])
    assert status == 0, f"run `.venv/bin/cog -r README.md`:\n{report.getvalue()}"
