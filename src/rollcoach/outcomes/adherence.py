from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from rollcoach.outcomes.records import SessionRecord, week_start
from rollcoach.outcomes.wording import count

WEEKS_SHOWN = 8


@dataclass(frozen=True)
class WeekSessions:
    week: date  # the Monday
    done: int
    planned: int
    running: bool  # the current week, not over yet

    @property
    def met(self) -> bool:
        return self.done >= self.planned


def weekly_targets(aims: Iterable[tuple[date, int]]) -> dict[date, int]:
    """The sessions a week aimed at in each week where an aim was set: the last one set that
    week counts for it."""
    return {week_start(day): aim for day, aim in sorted(aims)}


def weekly_sessions(
    sessions: Iterable[SessionRecord],
    planned: int,
    today: date,
    weeks: int = WEEKS_SHOWN,
    targets: Mapping[date, int] | None = None,
) -> list[WeekSessions]:
    """Completed sessions per week, from the first week with one (at most `weeks` back) to
    this week. Empty when no session was ever completed. `planned` is this week's aim. A past
    week takes the aim set in it (`targets`, see weekly_targets), else the latest one set
    before it, else `planned`: old records may carry no aim at all."""
    done = Counter(week_start(s.day) for s in sessions if s.completed and s.day <= today)
    if not done:
        return []
    this_week = week_start(today)
    first = max(min(done), this_week - timedelta(weeks=weeks - 1))
    known = dict(targets or {})
    earlier = [week for week in known if week < first]
    aim = known[max(earlier)] if earlier else None
    shown = []
    week = first
    while week <= this_week:
        aim = known.get(week, aim)
        aimed = planned if week == this_week or aim is None else aim
        shown.append(WeekSessions(week, done.get(week, 0), aimed, week == this_week))
        week += timedelta(weeks=1)
    return shown


def adherence_statement(weeks: list[WeekSessions], planned: int) -> str:
    per_week = f"{planned} a week"
    if not weeks:
        return f"No completed sessions yet. Your plan asks for {per_week}."
    running = weeks[-1]
    so_far = f"This week so far: {running.done} of {planned}."
    past = [w for w in weeks if not w.running]
    if not past:
        return so_far
    aims = sorted({w.planned for w in past})
    if aims != [planned]:
        per_week = f"{aims[0]} a week" if len(aims) == 1 else f"{aims[0]} to {aims[-1]} a week"
    done = sum(w.done for w in past)
    total = sum(w.planned for w in past)
    met = sum(1 for w in past if w.met)
    span = "the last full week" if len(past) == 1 else f"the last {len(past)} full weeks"
    did = (
        f"you did {done} of the {total} planned sessions ({per_week})"
        if done <= total
        else f"you did {count(done, 'session')}; the plan asked for {total} ({per_week})"
    )
    return f"In {span} {did}, and met the plan in {met} of {count(len(past), 'week')}. {so_far}"
