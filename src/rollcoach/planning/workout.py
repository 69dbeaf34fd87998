"""A short rolling session fitted around a workout, by the same rules as every plan.

Before a workout: brisk passes over a few areas for a few minutes; rolling before exercise gave
a small, short-lived gain in flexibility. After one: slow passes and longer sets; rolling after
exercise eased muscle soreness a little (Wiewelhove 2019). The workout is the active part."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from rollcoach.catalog.model import Dose, DoseKind, Exercise, ExerciseKind
from rollcoach.planning.choosing import Chooser
from rollcoach.planning.eligibility import usable_rollers
from rollcoach.planning.fitting import TooShort, fit
from rollcoach.planning.history import PastSession
from rollcoach.planning.planner import (
    PlanBlocked,
    PlannedExercise,
    RestToday,
    SessionPlan,
    check_gate,
)
from rollcoach.planning.profile import Profile
from rollcoach.planning.progression import assess
from rollcoach.safety.clearance import Gate
from rollcoach.safety.precautions import Restrictions
from rollcoach.safety.sharp_pain import REST_TODAY
from rollcoach.session.timeline import build_timeline

SOURCE = (
    "Wiewelhove 2019: flexibility +4 % before exercise, muscle pain -6 % after; acute gains fade "
    "within about 10-30 min; doses within Behm 2020 (30-120 s a set, a pass every 2-4 s); the "
    "number of areas and minutes: product judgement"
)


class Workout(StrEnum):
    BEFORE = "before-workout"
    AFTER = "after-workout"


@dataclass(frozen=True)
class Fitting:
    areas: int  # how many exercises
    minutes: int  # at most
    dose: Dose
    why: str
    evidence: str


FITTINGS: dict[Workout, Fitting] = {
    Workout.BEFORE: Fitting(
        areas=3,
        minutes=5,
        dose=Dose(DoseKind.TIME, sets=1, seconds=30, pass_seconds=(2, 2), rest_seconds=0),
        why="Brisk passes to warm up before your workout",
        evidence=(
            "Rolling just before exercise gave a small gain in flexibility, about 4 %, that fades "
            "within 10 to 30 minutes, so start your workout soon after. It does not treat back "
            "pain; your workout and your daily moves do the real work."
        ),
    ),
    Workout.AFTER: Fitting(
        areas=3,
        minutes=8,
        dose=Dose(DoseKind.TIME, sets=1, seconds=60, pass_seconds=(4, 4), rest_seconds=0),
        why="Slow passes and a longer set to wind down after your workout",
        evidence=(
            "Rolling after exercise eased muscle soreness a little, about 6 %, in the trials "
            "pooled so far. It does not treat back pain; your workout and your daily moves do "
            "the real work."
        ),
    ),
}


def _dose(exercise: Exercise, fitting: Fitting, restrictions: Restrictions) -> Dose:
    dose = replace(fitting.dose, per_side=exercise.dose.per_side)
    if restrictions.set_scale < 1:
        dose = replace(dose, seconds=max(30, round(dose.seconds * restrictions.set_scale)))
    return dose


def plan_around_workout(
    profile: Profile,
    restrictions: Restrictions,
    catalog: Iterable[Exercise],
    history: Sequence[PastSession],
    today: date,
    when: Workout,
    gate: Gate | None = None,
    labels: Mapping[str, str] | None = None,
) -> SessionPlan:
    check_gate(restrictions, gate or Gate(), labels)
    progress = assess(history, today)
    if progress.after_sharp_pain.rest_today:
        raise RestToday(REST_TODAY)
    if progress.flare.paused:
        raise PlanBlocked(
            f"{progress.flare.reason} Rolling is paused, so there is no rolling around a workout "
            "for now; keep to the gentle moves of today's plan."
        )
    if not profile.rollers:
        raise PlanBlocked("A session around a workout is rolling, and it needs a roller.")
    fitting = FITTINGS[when]
    chooser = Chooser(profile, restrictions, tuple(catalog))
    painful = progress.sharp_pain_exercises
    rolling = [
        e for e in chooser.add_ons() if e.kind is ExerciseKind.ROLLING and e.slug not in painful
    ][: fitting.areas]
    if not rolling:
        raise PlanBlocked("No rolling suits you with your rollers, areas and conditions.")
    planned = []
    for exercise in rolling:
        density = usable_rollers(exercise, profile, restrictions)[0]
        why = f"{fitting.why}; {density.value} roller: the softest of yours that suits it."
        planned.append(
            PlannedExercise(exercise, _dose(exercise, fitting, restrictions), density, why)
        )
    try:
        kept = fit(
            [(p.exercise, p.dose) for p in planned], min(fitting.minutes, profile.minutes) * 60
        )
    except TooShort as short:
        raise PlanBlocked(f"This needs at least {short.minutes_needed} minutes.") from short
    items = tuple(replace(p, dose=dose) for p, (_, dose) in zip(planned, kept, strict=False))
    notes = [*restrictions.reasons, fitting.evidence]
    if restrictions.light_pressure:
        notes.append("Use light pressure only.")
    timeline = build_timeline([(item.exercise, item.dose) for item in items])
    return SessionPlan(today, items, progress.stage, tuple(notes), timeline, purpose=when.value)
