"""The terminal app's tests run its commands in two ways.

`run` calls a command in-process with Typer's CliRunner, against pytest-django's test database
(SQLite or PostgreSQL, whichever the run uses; rolled back after each test), so these tests run
on both. An exception the command does not handle fails the test with its traceback.

`run_process` runs the real `python -m rollcoach.cli` in a subprocess on a SQLite file of the
test's own. Only the smoke tests use it, one per command family (test_cli_smoke.py, and
test_cli_postgres.py on a server's fresh database); they alone carry the `cli` marker, which the
PostgreSQL run of the Makefile leaves out.
"""

import contextlib
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_support import RED_FLAG_IDS, Answers, Result, Run
from typer.testing import CliRunner

from rollcoach.cli import app

# Wide enough that no message wraps: the tests count the lines of an error.
COLUMNS = "200"


class TerminalRunner(CliRunner):
    """A runner whose stdin says it is a terminal, so the commands ask their questions and the
    `input=` text answers them. No keys can be read from it: the live session needs a real one."""

    @contextlib.contextmanager
    def isolation(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with super().isolation(*args, **kwargs) as streams:
            sys.stdin.isatty = lambda: True  # type: ignore[method-assign]
            yield streams


class _ToStderr(logging.Handler):
    """Puts what a command logs on its stderr, where Django's console handler puts it when the
    command runs on its own (in-process, that handler writes to the test run's stderr)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


def _test_database() -> str:
    """The database the commands will use: the test run's, never a real data file."""
    from django.conf import settings
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    assert name == str(settings.DATABASES["default"]["NAME"])
    assert "mode=memory" in name or Path(name).name.startswith("test_"), (
        f"the terminal app would use {name}, which is not the test database"
    )
    return name


@pytest.fixture
def run(db: None) -> Run:
    """Runs a `rollcoach` command in-process, as settings.CLI_USERNAME, in the test database."""

    def call(*args: str, stdin: str = "", terminal: bool = False) -> Result:
        database = _test_database()
        runner = TerminalRunner() if terminal else CliRunner()
        handler = _ToStderr()
        logging.getLogger().addHandler(handler)
        try:
            done = runner.invoke(
                app,
                list(args),
                input=stdin,
                env={"COLUMNS": COLUMNS},
                catch_exceptions=False,
                prog_name="rollcoach",
            )
        finally:
            logging.getLogger().removeHandler(handler)
        assert _test_database() == database, "the command switched databases"
        return Result(done.exit_code, done.stdout, done.stderr)

    return call


@pytest.fixture
def answers_file(tmp_path: Path) -> Answers:
    def write(answers: dict[str, object]) -> str:
        path = tmp_path / f"answers-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(answers))
        return str(path)

    return write


@pytest.fixture
def ready(run: Run, answers_file: Answers) -> Run:
    """A person who passed the screen and set a 10-minute profile."""
    clear = answers_file({key: False for key in RED_FLAG_IDS})
    assert run("screen", "--answers", clear).code == 0
    made = run("profile", "--area", "upper-back", "--area", "lower-back", "--roller", "soft")
    assert made.code == 0, made.stderr
    return run


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each smoke test: migrating takes most of a second."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    subprocess.run(
        [sys.executable, "-c", "from rollcoach.bootstrap import setup_django; setup_django()"],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{path}"},
        check=True,
        timeout=120,
    )
    return path


@pytest.fixture
def process_database(tmp_path: Path, migrated_template: Path) -> str:
    # Always a file of the test's own: the command must never touch the test run's database.
    target = tmp_path / "cli.db"
    shutil.copyfile(migrated_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def run_process(process_database: str, tmp_path: Path) -> Run:
    """Runs the real `rollcoach` command in a subprocess against the test's own database."""

    def call(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> Result:
        environment = {
            **os.environ,
            "DATABASE_URL": process_database,
            "ROLLCOACH_DATA_DIR": str(tmp_path / "data"),
            "COLUMNS": COLUMNS,
            **(env or {}),
        }
        done = subprocess.run(
            [sys.executable, "-m", "rollcoach.cli", *args],
            capture_output=True,
            text=True,
            env=environment,
            input=stdin,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return call


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # `-m "not cli"` must leave out every test that starts the command in a subprocess.
    for item in items:
        spawns = "run_process" in getattr(item, "fixturenames", ())
        if spawns and item.get_closest_marker("cli") is None:
            raise pytest.UsageError(f"{item.nodeid} runs the terminal app: mark it `cli`")
