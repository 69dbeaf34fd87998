from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def spread(count: int, span: int) -> list[int]:
    """Day offsets for `count` sessions over `span` days, gaps as even as they can be:
    over a week 2 gives Mon/Thu, 3 Mon/Wed/Fri."""
    count = min(count, span)
    return [i * span // count for i in range(count)]


def weekly_schedule(
    days_per_week: int, week_start: date, done_days: Iterable[date] = ()
) -> list[date]:
    """This week's session days. Days already done count towards the week; the sessions
    left are spread over the days after the last one done, keeping a rest day when the
    week has room for it."""
    if not 1 <= days_per_week <= 7:
        raise ValueError(f"days per week must be from 1 to 7, got {days_per_week}")
    week_end = week_start + timedelta(days=6)
    done = sorted({day for day in done_days if week_start <= day <= week_end})
    left = days_per_week - len(done)
    if left <= 0:
        return done
    if not done:
        return [week_start + timedelta(days=offset) for offset in spread(left, 7)]
    first = done[-1] + timedelta(days=2)
    if (week_end - first).days + 1 < left:
        first = done[-1] + timedelta(days=1)
    span = (week_end - first).days + 1
    if span <= 0:
        return done
    return done + [first + timedelta(days=offset) for offset in spread(left, span)]
