import pytest
from cli_support import Run


def test_it_logs_weekly_pain_and_a_mobility_test(run: Run) -> None:
    saved = run("log", "--pain", "4", "--limit", "3", "--json").json()
    assert [line["value"] for line in saved] == [4, 3]
    rotation = run("log", "--mobility", "thoracic-rotation", "--value", "42", "--right", "48")
    assert rotation.code == 0, rotation.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "11"], "pain must be a whole number from 0 to 10, got '11'"),
        (["--pain", "abc"], "pain must be a whole number from 0 to 10, got 'abc'"),
        (["--pain", "4", "--limit", "12"], "got '12'"),
        (["--mobility", "handstand", "--value", "3"], "unknown self-test 'handstand'"),
        (["--mobility", "fingertip-floor"], "needs a score"),
        (["--mobility", "thoracic-rotation", "--value", "400"], "between 0 and 120"),
        ([], "nothing to log"),
    ],
)
def test_it_refuses_bad_values_and_saves_none_of_them(
    run: Run, args: list[str], message: str
) -> None:
    result = run("log", *args)
    assert result.code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_it_explains_a_database_that_cannot_be_written(run: Run) -> None:
    result = run("history", env={"DATABASE_URL": "sqlite:////proc/rollcoach/nowhere.db"})
    assert result.code == 1
    assert result.stderr.startswith("Error: cannot open the database")
    assert len(result.stderr.strip().splitlines()) == 1
