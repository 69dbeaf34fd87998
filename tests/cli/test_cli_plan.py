import pytest
from cli_support import Run

pytestmark = pytest.mark.django_db


def test_it_plans_a_session_that_fits_the_minutes(ready: Run) -> None:
    plan = ready("plan", "--json").json()
    assert plan["items"], "a plan with no exercises"
    assert plan["timeline"]["total_seconds"] <= 10 * 60
    assert len(plan["week"]) == 3


@pytest.mark.parametrize("minutes", [10, 20])
def test_it_rolls_with_the_roller_the_person_owns(ready: Run, minutes: int) -> None:
    ready("profile", "--minutes", str(minutes))
    items = ready("plan", "--json").json()["items"]
    catalogue = {e["slug"]: e for e in ready("exercises", "--json").json()}
    for item in items:
        # The soft roller for rolling; no roller named for a move that needs none.
        assert item["density"] == ("soft" if catalogue[item["exercise"]]["densities"] else None)
    if minutes >= 20:
        assert any(item["density"] for item in items), "no rolling in a 20-minute plan"


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
    cleared = ready("clearance", "--clinician", "my GP", "--said", "Gentle rolling is fine")
    assert cleared.code == 0, cleared.stderr
    assert cleared.stdout.splitlines()[1:] == ["- osteoporosis"]
    plan = ready("plan", "--json").json()
    catalogue = {e["slug"]: e for e in ready("exercises", "--json").json()}
    for item in plan["items"]:
        assert "thoracic" not in catalogue[item["exercise"]]["zones"]


def test_it_shows_the_plan_and_the_week_as_text(ready: Run) -> None:
    plan = ready("plan", "--json").json()
    shown = ready("plan")
    assert shown.code == 0, shown.stderr
    assert shown.stdout.startswith(f"Today ({plan['day']}): about ")
    for item in plan["items"]:
        assert item["name"] in shown.stdout
    assert shown.stdout.splitlines()[-1].startswith("This week: ")


def test_it_refuses_a_clearance_day_that_is_not_a_date(ready: Run) -> None:
    from rollcoach.web.coach.models import Clearance

    result = ready("clearance", "--clinician", "my GP", "--said", "Fine", "--on", "30/11/2026")
    assert result.code == 1
    assert "30/11/2026" in result.stderr
    assert not Clearance.objects.exists()
