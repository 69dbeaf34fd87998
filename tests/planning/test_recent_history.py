"""The recent days of a history plan today as the whole of it would, whenever they decide it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from rollcoach.catalog.model import Area, Density
from rollcoach.content.loader import load_catalog
from rollcoach.planning.history import PastSession
from rollcoach.planning.planner import PlanBlocked, plan_session
from rollcoach.planning.profile import Profile
from rollcoach.planning.progression import assess, decided_by
from rollcoach.safety.precautions import restrictions_for

TODAY = date(2026, 12, 2)
CATALOG = tuple(load_catalog())
PROFILE = Profile(areas=(Area.UPPER_BACK, Area.LOWER_BACK), rollers=(Density.SOFT,), minutes=20)

GOOD = PastSession(TODAY, True, 4, 3)
UNRATED = PastSession(TODAY, True, None, None)
# Every kind of session the rules tell apart; the good ones most, as people mostly have them.
KINDS = [
    GOOD,
    GOOD,
    GOOD,
    UNRATED,
    PastSession(TODAY, True, 4, 4),
    PastSession(TODAY, True, 4, None),
    PastSession(TODAY, True, 3, 5),  # a flare
    PastSession(TODAY, True, 2, 7),  # a large rise
    PastSession(TODAY, True, 8, 6),  # begun in too much pain
    PastSession(TODAY, False, 4, 4),  # left unfinished
    PastSession(TODAY, False, 4, None, True, ("cat-camel",), 600),
    PastSession(TODAY, False, 3, 3, True, ("thoracic-spine-release",), 900),
]
Days = list[tuple[int, list[PastSession]]]


def _history(earned: int, days: Days) -> list[PastSession]:
    """`earned` good days in a row, to reach the higher stages; then each entry: the days since
    the one before, and that day's sessions, the last today."""
    day, found = TODAY, []
    for gap, sessions in reversed(days):
        found[:0] = [_on(s, day) for s in sessions]
        day -= timedelta(days=gap)
    return [_on(GOOD, day - timedelta(days=n)) for n in reversed(range(earned))] + found


def _on(session: PastSession, day: date) -> PastSession:
    return PastSession(
        day,
        session.completed,
        session.pain_before,
        session.pain_after,
        session.sharp_pain,
        session.exercises,
        session.seconds,
    )


def _plan(history: list[PastSession]) -> object:
    try:
        return plan_session(PROFILE, restrictions_for([]), CATALOG, history, TODAY).to_dict()
    except PlanBlocked as blocked:
        return str(blocked)


def _from(history: list[PastSession], days: int) -> list[PastSession]:
    return [s for s in history if s.day >= TODAY - timedelta(days=days)]


@settings(max_examples=400, deadline=None)
@given(
    earned=st.integers(min_value=0, max_value=60),
    days=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=4),
            st.lists(st.sampled_from(KINDS), min_size=1, max_size=2),
        ),
        min_size=1,
        max_size=60,
    ),
    back=st.integers(min_value=0, max_value=120),
)
def test_the_recent_days_when_they_decide_plan_as_the_whole_history(
    earned: int, days: Days, back: int
) -> None:
    history = _history(earned, days)
    recent = _from(history, back)
    decided = decided_by(recent, TODAY)
    event("decided" if decided else "left open")
    if decided:
        whole, part = assess(history, TODAY), assess(recent, TODAY)
        assert (part.stage, part.flare, part.after_sharp_pain) == (
            whole.stage,
            whole.flare,
            whole.after_sharp_pain,
        )
        assert _plan(recent) == _plan(history)


def _daily(session: PastSession, days: int) -> list[PastSession]:
    return [_on(session, TODAY - timedelta(days=n)) for n in reversed(range(days))]


def test_four_weeks_of_good_days_decide_the_stage() -> None:
    history = _daily(GOOD, 400)
    assert decided_by(_from(history, 28), TODAY)
    assert not decided_by(_from(history, 20), TODAY)  # stage 4 or lower: the earlier days tell
    assert assess(_from(history, 28), TODAY).stage == 4


def test_setbacks_decide_the_stage_once_they_would_bring_the_highest_to_0() -> None:
    earned = [_on(GOOD, TODAY - timedelta(days=n)) for n in range(100, 20, -1)]  # stage 4
    for setbacks, decided in ((3, False), (4, True)):
        # A flare every other day, each settled the day after but the last.
        recent = [
            _on(KINDS[6] if n % 2 else GOOD, TODAY - timedelta(days=n))
            for n in range(2 * setbacks, 0, -1)
        ]
        assert decided_by(recent, TODAY) is decided
        assert assess([*earned, *recent], TODAY).stage == 4 - setbacks


def test_a_pause_decides_whatever_stage_came_before() -> None:
    history = [*_daily(UNRATED, 100), PastSession(TODAY, True, 8, 8)]
    assert decided_by(_from(history, 0), TODAY)
    assert assess(_from(history, 0), TODAY).flare.paused


def test_what_the_recent_days_leave_open_is_read_from_the_earlier_ones() -> None:
    assert not decided_by([], TODAY)
    # Unrated days keep whatever stage the earlier ones reached.
    assert not decided_by(_daily(UNRATED, 60), TODAY)
    # A pause needs no stage, but an unfinished session keeps open a sharp-pain stop before it,
    # and one among the recent days decides it.
    too_painful = PastSession(TODAY, False, 8, None)
    assert not decided_by([too_painful], TODAY)
    stop = _on(KINDS[-1], TODAY - timedelta(days=1))
    assert decided_by([stop, too_painful], TODAY)
    assert assess([stop, too_painful], TODAY).sharp_pain_exercises == {"thoracic-spine-release"}
