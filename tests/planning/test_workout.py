"""Sessions around a workout for a grid of people: short, within the brief's doses, nothing a
condition rules out, never the lower back or the neck, and refused where the rules say so."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rollcoach.catalog.model import NEVER_ROLLED, Area, Density, ExerciseKind
from rollcoach.content.loader import load_catalog
from rollcoach.planning.history import PastSession
from rollcoach.planning.planner import PlanBlocked, RestToday
from rollcoach.planning.profile import Profile
from rollcoach.planning.workout import FITTINGS, Workout, plan_around_workout
from rollcoach.safety.clearance import Gate
from rollcoach.safety.precautions import CONDITIONS, restrictions_for

TODAY = date(2026, 12, 2)
CATALOG = tuple(load_catalog())


@settings(max_examples=200, deadline=None)
@given(
    when=st.sampled_from(list(Workout)),
    areas=st.lists(st.sampled_from(list(Area)), min_size=1, max_size=5, unique=True),
    rollers=st.lists(st.sampled_from(list(Density)), min_size=1, max_size=3, unique=True),
    minutes=st.sampled_from([5, 10, 30]),
    conditions=st.lists(st.sampled_from(list(CONDITIONS)), max_size=3, unique=True),
    floor=st.booleans(),
)
def test_every_workout_session_is_short_dosed_as_the_brief_says_and_safe(
    when: Workout,
    areas: list[Area],
    rollers: list[Density],
    minutes: int,
    conditions: list[str],
    floor: bool,
) -> None:
    profile = Profile(
        areas=tuple(areas),
        rollers=tuple(rollers),
        minutes=minutes,
        can_get_to_floor=floor,
        conditions=tuple(conditions),
    )
    restrictions = restrictions_for(conditions)
    try:
        plan = plan_around_workout(profile, restrictions, CATALOG, [], TODAY, when, Gate())
    except PlanBlocked as blocked:
        assert restrictions.blocked or "No rolling suits you" in str(blocked)
        return
    fitting = FITTINGS[when]
    assert plan.purpose == when.value
    assert plan.total_seconds <= fitting.minutes * 60
    assert 1 <= len(plan.items) <= fitting.areas
    for item in plan.items:
        exercise, dose = item.exercise, item.dose
        assert exercise.kind is ExerciseKind.ROLLING
        assert restrictions.permits_exercise(exercise)
        assert not set(exercise.zones) & NEVER_ROLLED
        assert floor or not exercise.needs_floor
        assert item.density in rollers
        assert 30 <= dose.seconds <= 120 and 1 <= dose.sets <= 3  # Behm 2020
        assert dose.pass_seconds is not None and 2 <= min(dose.pass_seconds) <= 4
    assert fitting.evidence in plan.notes


@pytest.mark.parametrize(
    ("when", "pace", "seconds", "words"),
    [
        (Workout.BEFORE, (2, 2), 30, "about 4 %"),
        (Workout.AFTER, (4, 4), 60, "about 6 %"),
    ],
)
def test_before_is_brisk_and_after_is_slow(
    when: Workout, pace: tuple[int, int], seconds: int, words: str
) -> None:
    profile = Profile(areas=(Area.UPPER_BACK, Area.MID_BACK), rollers=(Density.SOFT,), minutes=30)
    plan = plan_around_workout(profile, restrictions_for([]), CATALOG, [], TODAY, when)
    assert {item.dose.pass_seconds for item in plan.items} == {pace}
    assert {item.dose.seconds for item in plan.items} == {seconds}
    assert any(words in note and "does not treat back pain" in note for note in plan.notes)


def test_it_refuses_without_a_roller_during_a_pause_and_on_a_sharp_pain_day() -> None:
    profile = Profile(areas=(Area.UPPER_BACK,), rollers=(), minutes=10)
    with pytest.raises(PlanBlocked, match="needs a roller"):
        plan_around_workout(profile, restrictions_for([]), CATALOG, [], TODAY, Workout.BEFORE)
    rolled = Profile(areas=(Area.UPPER_BACK,), rollers=(Density.SOFT,), minutes=10)
    flares = [PastSession(TODAY - timedelta(days=d), True, 3, 6) for d in (3, 1)]
    with pytest.raises(PlanBlocked, match="Rolling is paused"):
        plan_around_workout(rolled, restrictions_for([]), CATALOG, flares, TODAY, Workout.AFTER)
    stop = [PastSession(TODAY, False, 3, 5, True, ("lat-release",))]
    with pytest.raises(RestToday):
        plan_around_workout(rolled, restrictions_for([]), CATALOG, stop, TODAY, Workout.AFTER)
