from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rollcoach.outcomes.records import PainRecord, SessionRecord, week_start
from rollcoach.outcomes.thresholds import PAIN_PERCENT, PAIN_POINTS, PROGRAMME_WEEKS
from rollcoach.outcomes.wording import count, number, points

TOO_LITTLE = "Log a few more weeks to see a trend."
MATTERS = "a change that matters"
NOT_YET = (
    f"not yet a clear change (a change that matters is {number(PAIN_POINTS.value)} points "
    f"or {number(PAIN_PERCENT.value)} %)"
)
# The NHS red-flag pathway asks for a review when a month of self-care has not helped.
REVIEW = "After about a month without a clear improvement, book a review with a GP or physio."
REVIEW_SOURCE = "NHS low back pain pathway: no improvement after about a month of self-care"
# planning.history uses the same 2-point rise to call a session a flare.
FLARE_POINTS = 2


@dataclass(frozen=True)
class SessionChange:
    day: date
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


def session_changes(sessions: Iterable[SessionRecord]) -> list[SessionChange]:
    """Sessions with both scores, oldest first."""
    paired = [
        SessionChange(s.day, s.pain_before, s.pain_after)
        for s in sessions
        if s.pain_before is not None and s.pain_after is not None
    ]
    return sorted(paired, key=lambda c: c.day)


def session_statement(changes: list[SessionChange]) -> str:
    if not changes:
        return "Rate your pain before and after a session to see what a session does for it."
    mean = round(sum(c.change for c in changes) / len(changes), 1)
    sessions = count(len(changes), "session")
    if mean < 0:
        text = (
            f"Straight after a session your pain was on average {points(-mean)} lower ({sessions})."
        )
    elif mean > 0:
        text = (
            f"Straight after a session your pain was on average {points(mean)} higher ({sessions})."
        )
    else:
        text = f"On average your pain was the same before and after a session ({sessions})."
    flares = sum(1 for c in changes if c.change >= FLARE_POINTS)
    if flares:
        text += (
            f" Pain rose {FLARE_POINTS} points or more after {count(flares, 'session')}: go "
            "gentler next time, and stop at once if pain is sharp."
        )
    if mean < 0:
        text += " Relief straight after a session can fade; the weekly average shows if it lasts."
    return text


@dataclass(frozen=True)
class WeekPain:
    week: date  # the Monday
    average: float
    from_sessions: bool  # no weekly rating that week: the scores taken before sessions


def weekly_pain(ratings: Iterable[PainRecord], sessions: Iterable[SessionRecord]) -> list[WeekPain]:
    rated: dict[date, list[int]] = defaultdict(list)
    for rating in ratings:
        rated[week_start(rating.day)].append(rating.value)
    before: dict[date, list[int]] = defaultdict(list)
    for session in sessions:
        if session.pain_before is not None:
            before[week_start(session.day)].append(session.pain_before)
    weeks = []
    for week in sorted(rated.keys() | before.keys()):
        scores = rated.get(week) or before[week]
        weeks.append(WeekPain(week, sum(scores) / len(scores), week not in rated))
    return weeks


def meaningful_change(baseline: float) -> float:
    """The smallest change from `baseline` that matters: 2 points, or 30 % when that is less."""
    if baseline <= 0:
        return PAIN_POINTS.value
    return min(PAIN_POINTS.value, baseline * PAIN_PERCENT.value / 100)


def is_meaningful(baseline: float, change: float) -> bool:
    # Rounded so a value shown as "2" is never judged as 1.99.
    return round(abs(change), 6) >= round(meaningful_change(baseline), 6) and change != 0


@dataclass(frozen=True)
class PainTrend:
    weeks: list[WeekPain]
    baseline: float
    current: float
    change: float  # current - baseline, to one decimal as shown
    meaningful: bool
    statement: str

    @property
    def band(self) -> tuple[float, float]:
        """Averages inside this band are not yet a clear change from the baseline."""
        margin = meaningful_change(self.baseline)
        return max(0.0, self.baseline - margin), min(10.0, self.baseline + margin)


def pain_trend(weeks: list[WeekPain]) -> PainTrend | None:
    """None until there are two weeks to compare."""
    if len(weeks) < 2:
        return None
    baseline = round(weeks[0].average, 1)
    current = round(weeks[-1].average, 1)
    change = round(current - baseline, 1)
    meaningful = is_meaningful(baseline, change)
    if change < 0:
        text = f"Your average pain fell {points(-change)} since you started: "
        text += f"{MATTERS}." if meaningful else f"{NOT_YET}."
    elif change > 0:
        text = f"Your average pain rose {points(change)} since you started: "
        text += f"{MATTERS}." if meaningful else f"{NOT_YET}."
    else:
        text = f"Your average pain is the same as when you started: {number(current)} out of 10."
    elapsed_weeks = (weeks[-1].week - weeks[0].week).days // 7
    if elapsed_weeks >= PROGRAMME_WEEKS.value and not (meaningful and change < 0):
        text += " " + REVIEW
    return PainTrend(weeks, baseline, current, change, meaningful, text)


def trend_statement(weeks: list[WeekPain]) -> str:
    trend = pain_trend(weeks)
    if trend is not None:
        return trend.statement
    if weeks:
        return f"You started at {number(weeks[0].average)} out of 10. {TOO_LITTLE}"
    return TOO_LITTLE


def limit_statement(ratings: list[PainRecord]) -> str:
    """The product's own function item has no published threshold, so no change is claimed."""
    if not ratings:
        return ""
    ordered = sorted(ratings, key=lambda r: r.day)
    first, latest = ordered[0].value, ordered[-1].value
    if len(ordered) == 1:
        return f"How much pain limited your day: {first} out of 10 so far."
    return f"How much pain limited your day: {first} out of 10 at first, {latest} at the latest."
