import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import RED_FLAG_IDS, Result, Run


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test: migrating takes most of a second."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    subprocess.run(
        [sys.executable, "-c", "from rollcoach.bootstrap import setup_django; setup_django()"],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{path}"},
        check=True,
        timeout=120,
    )
    return path


@pytest.fixture
def database(tmp_path: Path, migrated_template: Path) -> str:
    # Always a file of the test's own: the CLI must never touch the test run's database.
    target = tmp_path / "cli.db"
    shutil.copyfile(migrated_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def run(database: str, tmp_path: Path) -> Run:
    """Runs the real `rollcoach` command in a subprocess against the test's own database."""

    def call(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> Result:
        environment = {
            **os.environ,
            "DATABASE_URL": database,
            "ROLLCOACH_DATA_DIR": str(tmp_path / "data"),
            "COLUMNS": "200",
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


@pytest.fixture
def answers_file(tmp_path: Path) -> Callable[[dict[str, object]], str]:
    def write(answers: dict[str, object]) -> str:
        path = tmp_path / f"answers-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(answers))
        return str(path)

    return write


@pytest.fixture
def ready(run: Run, answers_file: Callable[[dict[str, object]], str]) -> Run:
    """A person who passed the screen and set a 10-minute profile."""
    clear = answers_file({key: False for key in RED_FLAG_IDS})
    assert run("screen", "--answers", clear).code == 0
    made = run("profile", "--area", "upper-back", "--area", "lower-back", "--roller", "soft")
    assert made.code == 0, made.stderr
    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/cli/" in str(item.path):
            item.add_marker(pytest.mark.cli)
