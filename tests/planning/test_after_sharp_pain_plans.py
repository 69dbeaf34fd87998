"""After a sharp-pain stop, for a grid of people and each exercise that could have hurt: the next
plan leaves that exercise out, uses the easier version it names, brings no move back in a harder
version than it had, and is no longer than the plan that hurt."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest

from rollcoach.catalog.model import Area, Density
from rollcoach.content.loader import load_catalog
from rollcoach.planning.history import PastSession
from rollcoach.planning.planner import PlanBlocked, SessionPlan, plan_session
from rollcoach.planning.profile import Profile
from rollcoach.safety.clearance import Gate
from rollcoach.safety.precautions import restrictions_for

TODAY = date(2026, 12, 2)
CATALOG = tuple(load_catalog())
BY_SLUG = {exercise.slug: exercise for exercise in CATALOG}
AREAS = [(a,) for a in Area] + [(Area.UPPER_BACK, Area.LOWER_BACK), (Area.HIPS, Area.MID_BACK)]
ROLLERS = [(), (Density.SOFT,), (Density.FIRM,), (Density.SOFT, Density.MEDIUM, Density.FIRM)]
MINUTES = [5, 8, 10, 15, 20]
EASIER = re.compile(r"uses an easier version: (.+)\.$")


def _plan(profile: Profile, history: list[PastSession]) -> SessionPlan:
    return plan_session(profile, restrictions_for([], []), CATALOG, history, TODAY, Gate())


def _root(slug: str) -> str:
    chain = [slug, *_ordered_chain(slug)]
    return chain[-1]


def _depth(slug: str) -> int:
    return len(_ordered_chain(slug))


def _ordered_chain(slug: str) -> list[str]:
    chain, step = [], BY_SLUG[slug].regression
    while step and step in BY_SLUG and step not in chain and step != slug:
        chain.append(step)
        step = BY_SLUG[step].regression
    return chain


def _cases() -> list[tuple[Profile, str]]:
    cases = []
    for areas, rollers, minutes in itertools.product(AREAS, ROLLERS, MINUTES):
        profile = Profile(areas=areas, rollers=rollers, minutes=minutes)
        for item in _plan(profile, []).items:
            cases.append((profile, item.exercise.slug))
    return cases


@pytest.mark.parametrize(("profile", "hurt"), _cases())
def test_the_plan_after_sharp_pain_is_one_step_easier(profile: Profile, hurt: str) -> None:
    before = _plan(profile, [])
    stop = PastSession(
        TODAY - timedelta(days=1), False, 3, 3, True, (hurt,), seconds=before.total_seconds
    )
    try:
        after = _plan(profile, [stop])
    except PlanBlocked as blocked:
        # Only when everything planned was what hurt or a harder version of it.
        assert all(
            hurt in {item.exercise.slug, *_ordered_chain(item.exercise.slug)}
            for item in before.items
        ), blocked
        assert "speak to a clinician" in str(blocked)
        return
    slugs = [item.exercise.slug for item in after.items]
    assert hurt not in slugs
    assert after.total_seconds <= before.total_seconds
    # Nothing harder: a move whose chain was in the plan comes in no harder a version.
    had: dict[str, int] = {}
    for item in before.items:
        root, depth = _root(item.exercise.slug), _depth(item.exercise.slug)
        had[root] = max(depth, had.get(root, depth))
    for slug in slugs:
        assert _depth(slug) <= had.get(_root(slug), _depth(slug)), f"{slug} is harder than before"
    names = {item.exercise.name for item in after.items}
    for note in after.notes:
        if found := EASIER.search(note):
            assert found.group(1) in names, f"{note} but it is not in {sorted(names)}"
