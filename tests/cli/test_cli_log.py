from typing import Any

import pytest
from cli_support import Run

pytestmark = pytest.mark.django_db


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
    from rollcoach.web.coach.models import MobilityCheck, PainRating

    result = run("log", *args)
    assert result.code == 1
    assert message in result.stderr
    assert not PainRating.objects.exists() and not MobilityCheck.objects.exists()


def test_it_records_for_the_user_settings_name(run: Run, settings: Any) -> None:
    from rollcoach.web.coach.models import PainRating

    settings.CLI_USERNAME = "maria"
    assert run("log", "--pain", "6").code == 0
    assert [(r.user.username, r.value) for r in PainRating.objects.all()] == [("maria", 6)]
    assert run("history").stdout.startswith("No sessions yet")
