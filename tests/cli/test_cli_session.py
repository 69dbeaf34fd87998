from datetime import timedelta

import pytest
from cli_support import CHECK_IDS, Answers, Result, Run

from session_support import record

pytestmark = pytest.mark.django_db


def run_session(ready: Run, answers_file: Answers, *extra: str) -> Result:
    check = answers_file({key: False for key in CHECK_IDS})
    args = ["session", "--check-answers", check, "--speed", "1000", "--mute", *extra]
    return ready(*args)


def test_it_runs_a_terminal_session_to_the_end_and_records_it(
    ready: Run, answers_file: Answers
) -> None:
    result = run_session(ready, answers_file, "--pain-before", "5", "--pain-after", "3")
    assert result.code == 0, result.stderr
    history = ready("history", "--json").json()
    assert len(history) == 1
    session = history[0]
    assert session["status"] == "completed"
    assert (session["pain_before"], session["pain_after"]) == (5, 3)
    kinds = [event["kind"] for event in session["events"]]
    assert kinds[0] == "started" and kinds[-1] == "completed"
    timeline = ready("session", "--dry-run", "--json").json()
    finished = {e["step_index"] for e in session["events"] if e["kind"] == "step-finished"}
    assert finished == {step["index"] for step in timeline["steps"]}


def test_it_refuses_to_start_when_the_pre_session_check_finds_a_red_flag(
    ready: Run, answers_file: Answers
) -> None:
    check = answers_file({key: key == "PS1" for key in CHECK_IDS})
    result = ready("session", "--check-answers", check, "--pain-before", "3", "--mute")
    assert result.code == 2
    assert "EMERGENCY" in result.stderr
    assert ready("history", "--json").json() == []
    assert ready("plan").code == 2, "a red flag in the check must block until a new screen"


def test_it_refuses_a_bad_pain_score_before_anything_is_stored(
    ready: Run, answers_file: Answers
) -> None:
    for bad in ("11", "abc", "-1", "3.5"):
        result = run_session(ready, answers_file, "--pain-before", bad)
        assert result.code == 1
        assert "pain must be a whole number from 0 to 10" in result.stderr
    assert ready("history", "--json").json() == []


def test_it_needs_the_pre_session_check_without_a_terminal(ready: Run) -> None:
    result = ready("session", "--pain-before", "3")
    assert result.code == 1
    assert "--check-answers" in result.stderr


def test_it_refuses_another_session_the_day_of_a_sharp_pain_stop(
    ready: Run, answers_file: Answers
) -> None:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from rollcoach.web.coach.services.plans import plan_for_today
    from session_support import events, payload

    user = User.objects.get(username="local")
    plan = plan_for_today(user=user, now=timezone.now())
    moment = timezone.now() - timedelta(minutes=30)
    stop = payload(
        plan,
        status="stopped-sharp-pain",
        index=3,
        remaining=0,
        started_at=moment.isoformat(),
        events=events(3, end="sharp-pain", start=moment),
    )
    record(user, stop)
    result = run_session(ready, answers_file, "--pain-before", "3")
    assert result.code == 2
    assert "no other session today" in " ".join(result.stderr.split())
    assert len(ready("history", "--json").json()) == 1
    plan_result = ready("plan")
    assert plan_result.code == 2


@pytest.mark.parametrize(("when", "pace"), [("before", 2), ("after", 4)])
def test_it_runs_a_session_around_a_workout(ready: Run, when: str, pace: int) -> None:
    timeline = ready("session", "--workout", when, "--dry-run", "--json")
    assert timeline.code == 0, timeline.stderr
    rolls = [s for s in timeline.json()["steps"] if s["kind"] == "roll"]
    assert rolls and {s["pace_seconds"] for s in rolls} == {pace}
    assert timeline.json()["total_seconds"] <= (5 if when == "before" else 8) * 60


def test_it_refuses_an_unknown_workout(ready: Run) -> None:
    result = ready("session", "--workout", "during", "--dry-run")
    assert result.code == 1
    assert "--workout must be 'before' or 'after'" in result.stderr
