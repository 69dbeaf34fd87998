"""Every plan the planner can make, for a grid of people: active movement in it, nothing their
conditions rule out, and never the lower back or the neck rolled."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rollcoach.catalog.model import NEVER_ROLLED, Area, Density, ExerciseKind, Zone
from rollcoach.content.loader import load_catalog
from rollcoach.planning.history import PastSession
from rollcoach.planning.planner import PlanBlocked, plan_session
from rollcoach.planning.profile import Profile
from rollcoach.safety.clearance import Gate
from rollcoach.safety.precautions import CONDITIONS, restrictions_for

TODAY = date(2026, 12, 2)
CATALOG = tuple(load_catalog())
# Histories that move the planner: none, earned stages, a flare, a pause, a sharp-pain stop.
GOOD = [PastSession(TODAY - timedelta(days=3 * n + 3), True, 4, 3) for n in range(13)]
HISTORIES = [
    [],
    GOOD,
    [*GOOD, PastSession(TODAY - timedelta(days=1), True, 3, 5)],
    [*GOOD, PastSession(TODAY - timedelta(days=2), True, 3, 5), PastSession(TODAY, True, 3, 6)],
    [PastSession(TODAY - timedelta(days=1), False, 3, 5, True, ("thoracic-spine-release",))],
]
ROLLABLE = [z for z in Zone if z not in NEVER_ROLLED]


@settings(max_examples=300, deadline=None)
@given(
    areas=st.lists(st.sampled_from(list(Area)), min_size=1, max_size=5, unique=True),
    rollers=st.lists(st.sampled_from(list(Density)), max_size=3, unique=True),
    minutes=st.sampled_from([5, 8, 10, 15, 20, 30, 45, 60]),
    conditions=st.lists(st.sampled_from(list(CONDITIONS)), max_size=3, unique=True),
    floor=st.booleans(),
    marked=st.lists(st.sampled_from(ROLLABLE), max_size=2, unique=True),
    history=st.sampled_from(HISTORIES),
)
def test_every_plan_moves_first_and_rolls_only_what_is_allowed(
    areas: list[Area],
    rollers: list[Density],
    minutes: int,
    conditions: list[str],
    floor: bool,
    marked: list[Zone],
    history: list[PastSession],
) -> None:
    profile = Profile(
        areas=tuple(areas),
        rollers=tuple(rollers),
        minutes=minutes,
        can_get_to_floor=floor,
        conditions=tuple(conditions),
        avoid_zones=tuple(marked),
    )
    restrictions = restrictions_for(conditions, marked)
    try:
        plan = plan_session(profile, restrictions, CATALOG, history, TODAY, Gate())
    except PlanBlocked as blocked:
        # Only a fracture blocks a plan outright: every other person gets one.
        assert restrictions.blocked, str(blocked)
        return
    kinds = [item.exercise.kind for item in plan.items]
    assert ExerciseKind.ACTIVE in kinds
    # Active moves lead; rolling and stretches come after them.
    assert kinds == sorted(kinds, key=lambda kind: kind is not ExerciseKind.ACTIVE)
    slugs = {item.exercise.slug for item in plan.items}
    for item in plan.items:
        exercise = item.exercise
        assert restrictions.permits_exercise(exercise)
        assert not set(exercise.zones) & NEVER_ROLLED
        assert not set(exercise.zones) & set(marked)
        assert floor or not exercise.needs_floor
        if exercise.needs_roller:
            assert item.density in rollers
        # An easier version never comes after its harder one.
        if exercise.regression in slugs:
            later = [i.exercise.slug for i in plan.items].index(exercise.regression)
            assert later < [i.exercise.slug for i in plan.items].index(exercise.slug)
    if plan.rolling_paused:
        assert all(kind is ExerciseKind.ACTIVE for kind in kinds)
    assert plan.total_seconds <= minutes * 60
