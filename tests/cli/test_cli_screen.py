import pytest
from cli_support import RED_FLAG_IDS, Answers, Run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("yes", "level"),
    [
        ([], "PROCEED"),
        (["E2"], "EMERGENCY"),
        (["U2"], "URGENT"),
        (["G1"], "SEE-CLINICIAN"),
        (["G1", "U1", "E5"], "EMERGENCY"),
    ],
)
def test_it_gives_the_highest_level_among_the_yes_answers(
    run: Run, answers_file: Answers, yes: list[str], level: str
) -> None:
    answers = {key: key in yes for key in RED_FLAG_IDS}
    result = run("screen", "--answers", answers_file(answers), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["level"] == level
    assert sorted(result.json()["triggered"]) == sorted(yes)


def test_it_accepts_a_single_yes_as_in_the_example(run: Run, answers_file: Answers) -> None:
    result = run("screen", "--answers", answers_file({"E2": True}), "--json")
    assert result.json()["level"] == "EMERGENCY"


def test_it_blocks_the_plan_after_an_emergency_and_says_why(
    run: Run, answers_file: Answers
) -> None:
    run("profile", "--area", "upper-back", "--roller", "soft")
    run("screen", "--answers", answers_file({"E2": True}))
    result = run("plan")
    assert result.code != 0
    assert "EMERGENCY" in result.stderr
    assert "emergency" in result.stderr.lower()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"E99": True}, "unknown question id 'E99'"),
        ({"E2": "yes"}, "E2"),
        ({"E2": 1}, "E2"),
        ({"E2": None}, "E2"),
        ({"E1": False}, "unanswered"),
    ],
)
def test_it_refuses_bad_answers_with_a_clear_error_and_stores_nothing(
    run: Run, answers_file: Answers, answers: dict[str, object], message: str
) -> None:
    result = run("screen", "--answers", answers_file(answers), "--json")
    assert result.code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "No safety screen yet" in run("plan").stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ("[true, false]", "JSON object")],
)
def test_it_refuses_a_malformed_answers_file(
    run: Run, tmp_path: object, content: str, message: str
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.json"
    path.write_text(content)
    result = run("screen", "--answers", str(path))
    assert result.code == 1
    assert message in result.stderr


def test_it_refuses_a_missing_answers_file(run: Run) -> None:
    result = run("screen", "--answers", "/nonexistent/answers.json")
    assert result.code == 1
    assert "cannot read answers file" in result.stderr


def test_it_scores_start_back_from_a_file(run: Run, answers_file: Answers) -> None:
    answers: dict[str, object] = {f"SB{n}": n in (5, 6, 7, 8) for n in range(1, 9)}
    answers["SB9"] = "very much"
    result = run("startback", "--answers", answers_file(answers), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["risk"] == "high"
    assert result.json()["distress"] == 5


def test_it_asks_the_red_flag_questions_in_a_terminal(run: Run) -> None:
    from rollcoach.content.screens import load_red_flags

    run("profile", "--area", "upper-back", "--roller", "soft")
    questions = load_red_flags()
    answers = "".join("y\n" if question.id == "U2" else "n\n" for question in questions)
    result = run("screen", stdin=answers, terminal=True)
    assert result.code == 0, result.stderr
    asked = " ".join(result.stdout.split())  # long questions wrap
    for question in questions:
        assert f"{question.text} [y/n]" in asked
    assert "URGENT" in result.stdout
    assert "URGENT" in run("plan").stderr, "the answers given at the prompts were not stored"


def test_it_asks_the_start_back_questions_in_a_terminal(run: Run) -> None:
    agree = "".join("y\n" if n in (5, 6, 7, 8) else "n\n" for n in range(1, 9))
    result = run("startback", stdin=agree + "terribly\nvery much\n", terminal=True)
    assert result.code == 0, result.stderr
    assert "Please select one of the available options" in result.stdout
    assert "STarT Back: high risk (total 5)" in result.stdout


@pytest.mark.parametrize("command", ["screen", "startback"])
def test_it_asks_for_an_answers_file_without_a_terminal(run: Run, command: str) -> None:
    result = run(command)
    assert result.code == 1
    assert "no terminal to ask the questions in: pass --answers FILE" in result.stderr
