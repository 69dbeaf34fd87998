import os
import uuid
from collections.abc import Iterator

import pytest
from cli_support import CHECK_IDS, RED_FLAG_IDS, Answers, Run

SERVER = os.environ.get("ROLLCOACH_TEST_PG", "postgres://postgres@127.0.0.1:5432")

# The real command in a subprocess (so `cli`), on a fresh database of the server: the SQLite run
# of the suite runs it. The PostgreSQL run leaves `cli` out and runs the in-process tests there.
pytestmark = [pytest.mark.postgres, pytest.mark.cli]


def _admin_connection() -> object:
    import psycopg

    try:
        return psycopg.connect(f"{SERVER}/postgres", connect_timeout=3, autocommit=True)
    except psycopg.OperationalError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is not reachable at {SERVER} and CI=true requires it: {error}")
        pytest.skip(f"PostgreSQL is not reachable at {SERVER}: this test did NOT run")


@pytest.fixture
def process_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for the terminal app, dropped afterwards."""
    admin = _admin_connection()
    name = f"rollcoach_cli_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]
    try:
        yield f"{SERVER}/{name}"
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]


def test_it_runs_the_whole_flow_on_an_empty_postgresql_database(
    run_process: Run, answers_file: Answers
) -> None:
    run = run_process
    write = answers_file
    assert run("screen", "--answers", write({k: False for k in RED_FLAG_IDS})).code == 0
    assert run("profile", "--area", "mid-back", "--roller", "medium").code == 0
    plan = run("plan", "--json")
    assert plan.code == 0, plan.stderr
    check = write({k: False for k in CHECK_IDS})
    done = run(
        "session",
        "--check-answers",
        check,
        "--pain-before",
        "4",
        "--pain-after",
        "4",
        "--speed",
        "1000",
        "--mute",
    )
    assert done.code == 0, done.stderr
    history = run("history", "--json").json()
    assert [session["status"] for session in history] == ["completed"]
