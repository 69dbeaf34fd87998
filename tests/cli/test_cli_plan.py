import pytest
from cli_support import Run


def test_it_plans_a_session_that_fits_the_minutes(ready: Run) -> None:
    plan = ready("plan", "--json").json()
    assert plan["items"], "a plan with no exercises"
    assert plan["timeline"]["total_seconds"] <= 10 * 60
    assert len(plan["week"]) == 3
    for item in plan["items"]:
        assert item["density"] == "soft"


@pytest.mark.parametrize("minutes", [5, 10, 20, 30])
def test_it_fits_the_dry_run_timeline_to_the_profile(ready: Run, minutes: int) -> None:
    assert ready("profile", "--minutes", str(minutes)).code == 0
    timeline = ready("session", "--dry-run", "--json").json()
    assert 0 < timeline["total_seconds"] <= minutes * 60
    assert timeline["total_seconds"] == sum(step["seconds"] for step in timeline["steps"])
    assert timeline["steps"][-1]["kind"] == "done"


def test_it_never_plans_rolling_the_lower_back_or_neck(ready: Run) -> None:
    ready("profile", "--area", "lower-back", "--area", "neck-shoulders", "--minutes", "30")
    plan = ready("plan", "--json").json()
    exercises = {item["exercise"] for item in plan["items"]}
    catalogue = {e["slug"]: e for e in ready("exercises", "--json").json()}
    for slug in exercises:
        assert not {"lumbar", "neck"} & set(catalogue[slug]["zones"])


def test_it_needs_a_profile_before_a_plan(run: Run, answers_file: object) -> None:
    result = run("plan")
    assert result.code == 2
    assert "screen" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--minutes", "2"], "minutes"),
        (["--area", "elbow"], "unknown area 'elbow'"),
        (["--roller", "concrete"], "unknown roller 'concrete'"),
        (["--condition", "flu"], "unknown condition 'flu'"),
        (["--avoid", "toes"], "unknown zone 'toes'"),
    ],
)
def test_it_refuses_bad_profile_values_and_keeps_the_old_profile(
    ready: Run, args: list[str], message: str
) -> None:
    before = ready("profile", "--json").json()
    result = ready("profile", *args)
    assert result.code == 1
    assert message in result.stderr
    assert ready("profile", "--json").json() == before


def test_it_softens_the_plan_for_blood_thinners(ready: Run) -> None:
    ready("profile", "--roller", "firm", "--condition", "anticoagulants")
    items = ready("plan", "--json").json()["items"]
    assert items
    assert all(item["density"] in (None, "soft") for item in items)


def test_it_pauses_the_programme_for_osteoporosis_until_cleared(ready: Run) -> None:
    ready("profile", "--condition", "osteoporosis")
    blocked = ready("plan")
    assert blocked.code == 2
    assert "clear" in blocked.stderr.lower()
    ready("profile", "--cleared")
    plan = ready("plan", "--json").json()
    catalogue = {e["slug"]: e for e in ready("exercises", "--json").json()}
    for item in plan["items"]:
        assert "thoracic" not in catalogue[item["exercise"]]["zones"]
