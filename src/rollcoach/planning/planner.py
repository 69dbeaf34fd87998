from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rollcoach.catalog.model import Density, Dose, Exercise, ExerciseKind
from rollcoach.planning.choosing import Choice, Chooser
from rollcoach.planning.dosing import scaled, staged
from rollcoach.planning.eligibility import usable_rollers
from rollcoach.planning.fitting import TooShort, fit
from rollcoach.planning.history import PastSession
from rollcoach.planning.pace import (
    FIRM_ONLY_SET_SCALE,
    FIRMER_STAGE,
    MAX_STAGE,
    WALKING_MINUTES,
)
from rollcoach.planning.profile import Profile
from rollcoach.planning.progression import Progress, assess
from rollcoach.safety.clearance import Gate
from rollcoach.safety.discomfort import DISCOMFORT_CAP
from rollcoach.safety.flare import CLINICIAN_ROUTE, FlareAdvice
from rollcoach.safety.precautions import Restrictions
from rollcoach.safety.redflags import GUIDANCE, Level
from rollcoach.safety.sharp_pain import REST_TODAY
from rollcoach.session.timeline import Timeline, build_timeline

MAX_NAMED_DROPS = 3  # a longer list buries the notes that matter

PROCEED = Level.PROCEED.value


class PlanBlocked(Exception):
    pass


class RestToday(PlanBlocked):
    """A sharp-pain stop today: no other session until tomorrow."""


@dataclass(frozen=True)
class PlannedExercise:
    exercise: Exercise
    dose: Dose
    density: Density | None  # the roller to use; None when none is needed
    why: str

    def to_dict(self) -> dict[str, Any]:
        dose = self.dose
        return {
            "exercise": self.exercise.slug,
            "name": self.exercise.name,
            "picture": self.exercise.picture,
            "density": self.density.value if self.density else None,
            "why": self.why,
            "dose": {
                "kind": dose.kind.value,
                "sets": dose.sets,
                "seconds": dose.seconds,
                "reps": dose.reps,
                "hold_seconds": dose.hold_seconds,
                "per_side": dose.per_side,
                "pass_seconds": list(dose.pass_seconds) if dose.pass_seconds else None,
                "rest_seconds": dose.rest_seconds,
                "text": dose.describe(),
            },
        }


@dataclass(frozen=True)
class SessionPlan:
    day: date
    items: tuple[PlannedExercise, ...]
    stage: int
    notes: tuple[str, ...]
    timeline: Timeline
    walking_minutes: int = 0  # an easy walk today, on top of the session
    rolling_paused: bool = False
    purpose: str = "programme"  # or a session around a workout (planning/workout.py)

    @property
    def total_seconds(self) -> int:
        return self.timeline.total_seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "stage": self.stage,
            "items": [item.to_dict() for item in self.items],
            "notes": list(self.notes),
            "walking_minutes": self.walking_minutes,
            "rolling_paused": self.rolling_paused,
            "purpose": self.purpose,
            "timeline": self.timeline.to_dict(),
            "total_seconds": self.total_seconds,
        }


def check_gate(
    restrictions: Restrictions, gate: Gate, labels: Mapping[str, str] | None = None
) -> None:
    """Raises PlanBlocked, saying what to do, while the screens or conditions stop the plan."""
    named = labels or {}
    reasons = " ".join(restrictions.reasons)
    if gate.stop is not None:
        raise PlanBlocked(
            f"Your last screen says {gate.stop.value}: {GUIDANCE[gate.stop]} If a clinician has "
            "seen you about it since, record what they said and the programme can go on."
        )
    if restrictions.blocked:
        raise PlanBlocked(_joined("Rolling is not safe for you right now.", reasons))
    if gate.waiting:
        what = "; ".join(named.get(item, item) for item in gate.waiting)
        raise PlanBlocked(
            _joined(
                "Your programme is paused until a clinician has cleared you for: "
                f"{what}. Record their go-ahead and it goes on.",
                reasons,
            )
        )


def _joined(first: str, rest: str) -> str:
    return f"{first} {rest}" if rest else first


def _area_names(exercise: Exercise, profile: Profile) -> str:
    return " and ".join(a.label.lower() for a in exercise.areas if a in profile.areas)


def _why(exercise: Exercise, profile: Profile, density: Density | None, easier_than: str) -> str:
    parts = []
    if easier_than:
        parts.append(f"An easier version of {easier_than}, after your last session")
    else:
        parts.append(f"For your {_area_names(exercise, profile)}")
    if exercise.kind is ExerciseKind.ACTIVE:
        parts.append("active movement: the core of looking after your back")
    elif exercise.core:
        parts.append("a core rolling move")
    if density is not None:
        parts.append(f"{density.value} roller: the softest of yours that suits it")
    elif exercise.kind is ExerciseKind.STRETCH:
        parts.append("no roller needed")
    return "; ".join(parts) + "."


def _progress_notes(progress: Progress, swapped: bool) -> list[str]:
    notes = []
    flare = progress.flare
    if flare.paused:
        notes.append(
            f"{flare.reason} Rolling is paused: today is gentle movement only. Rolling comes "
            f"back after a session that starts at {DISCOMFORT_CAP}/10 or less and ends without "
            f"a flare. {CLINICIAN_ROUTE}"
        )
    elif progress.after_sharp_pain.easier:
        notes.append(
            "You stopped with sharp pain last time, so your plan stays one step easier, and no "
            "longer, until you finish a session without sharp pain. If sharp pain comes back, "
            "stop and speak to a clinician."
        )
    elif flare.advice is FlareAdvice.REGRESS:
        easier = "uses easier versions" if swapped else "keeps to the easiest versions"
        notes.append(
            "Your pain rose by 2 points or more after your last session, so today "
            f"{easier} and shorter sets where it can."
        )
    if progress.stage:
        notes.append(
            f"Stage {progress.stage} of {MAX_STAGE}: sets are a little longer because your "
            "recent sessions went well."
        )
    return notes


def _firmer_note(
    items: Sequence[PlannedExercise], profile: Profile, restrictions: Restrictions, stage: int
) -> list[str]:
    # Firmer rollers add nothing proven (Cheatham & Stull 2018), so this is only an offer.
    if stage < FIRMER_STAGE:
        return []
    for item in items:
        usable = usable_rollers(item.exercise, profile, restrictions)
        if item.density is not None and usable and usable[-1].rank > item.density.rank:
            return [
                "You may try your firmer roller; it is optional. Softer rollers work about as "
                "well, so stay with what feels comfortable."
            ]
    return []


def _setting_notes(profile: Profile, restrictions: Restrictions, firm_only: bool) -> list[str]:
    notes = list(restrictions.reasons)
    if restrictions.light_pressure:
        notes.append("Use light pressure only.")
    if firm_only:
        notes.append(
            "Your roller is firm: lean on it lightly, and sets are shorter until your body is "
            "used to it. A soft roller is the gentler way to start."
        )
    if not profile.rollers:
        notes.append("You have no roller yet, so today's moves need none.")
    if not profile.can_get_to_floor:
        notes.append("Everything today is done off the floor.")
    return notes


def _fit_notes(
    before: Sequence[PlannedExercise], after: Sequence[PlannedExercise], minutes: int
) -> list[str]:
    notes = []
    dropped = [item.exercise.name for item in before[len(after) :]]
    if dropped:
        named = ", ".join(dropped[:MAX_NAMED_DROPS])
        more = len(dropped) - MAX_NAMED_DROPS
        named += f" and {more} more" if more > 0 else ""
        notes.append(f"Left out today to fit {minutes} minutes: {named}.")
    if any(a.dose != b.dose for a, b in zip(after, before, strict=False)):
        notes.append(f"Sets are shortened to fit {minutes} minutes.")
    return notes


def _plan_that_hurt(
    profile: Profile,
    restrictions: Restrictions,
    chooser: Chooser,
    history: Sequence[PastSession],
    day: date,
    gate: Gate | None,
) -> SessionPlan | None:
    """The plan as it stood on the day of the sharp-pain stop, made by these same rules."""
    try:
        earlier = [session for session in history if session.day < day]
        return plan_session(profile, restrictions, chooser.catalog, earlier, day, gate)
    except (PlanBlocked, RestToday):
        return None


def _no_harder_than(
    chooser: Chooser, choices: list[Choice], hurt_plan: SessionPlan
) -> list[Choice]:
    """One step easier than the plan that hurt: a move of each chain it held, no harder than
    it was there, and nothing new."""
    most: dict[str, int] = {}
    for item in hurt_plan.items:
        root, depth = chooser.root(item.exercise), chooser.depth(item.exercise)
        most[root] = max(depth, most.get(root, depth))
    return [
        (exercise, easier_than)
        for exercise, easier_than in choices
        if chooser.depth(exercise) <= most.get(chooser.root(exercise), -1)
    ]


def _sharp_pain_notes(
    chooser: Chooser, progress: Progress, items: Sequence[PlannedExercise]
) -> list[str]:
    """What became of each exercise that hurt, said of the plan as it was fitted."""
    kept = {item.exercise.slug: item.exercise for item in items}
    notes = []
    for slug in sorted(progress.sharp_pain_exercises):
        exercise = chooser.by_slug.get(slug)
        if exercise is None:
            continue
        easier, step, seen = None, exercise.regression, {slug}
        while easier is None and step and step in chooser.by_slug and step not in seen:
            seen.add(step)
            easier, step = kept.get(step), chooser.by_slug[step].regression
        if easier is not None:
            notes.append(
                f"You had sharp pain during {exercise.name} last time, so today uses an easier "
                f"version: {easier.name}."
            )
        else:
            notes.append(
                f"{exercise.name} is left out today because you had sharp pain during it last time."
            )
    return notes


def _walking_note(minutes: int) -> str:
    return (
        f"Walk for about {minutes} minutes today, at an easy pace you could talk at. Moving "
        "every day matters more for your back than any one exercise."
    )


def _planned(
    choices: Sequence[Choice],
    profile: Profile,
    restrictions: Restrictions,
    stage: int,
) -> tuple[list[PlannedExercise], bool]:
    planned = []
    # Someone whose rollers are all firm starts gently on it (the article: start soft).
    firm_only = bool(profile.rollers) and set(profile.rollers) == {Density.FIRM}
    firm_only = firm_only and stage < FIRMER_STAGE
    for exercise, easier_than in choices:
        rollers = usable_rollers(exercise, profile, restrictions)
        density = rollers[0] if exercise.needs_roller else None
        scale = restrictions.set_scale
        if firm_only and density is Density.FIRM:
            scale = min(scale, FIRM_ONLY_SET_SCALE)
        dose = scaled(staged(exercise.dose, stage), scale)
        why = _why(exercise, profile, density, easier_than)
        planned.append(PlannedExercise(exercise, dose, density, why))
    return planned, firm_only


def _once(choices: Sequence[Choice]) -> list[Choice]:
    unique: dict[str, Choice] = {}
    for exercise, easier_than in choices:
        unique.setdefault(exercise.slug, (exercise, easier_than))
    return list(unique.values())


def _easier_first(items: Sequence[PlannedExercise]) -> list[PlannedExercise]:
    """Moves an exercise's easier version ahead of it when both are in the plan."""
    order = list(items)
    for _ in range(len(order) ** 2):
        slugs = [item.exercise.slug for item in order]
        late = next(
            (
                (pos, slugs.index(item.exercise.regression))
                for pos, item in enumerate(order)
                if item.exercise.regression in slugs[pos + 1 :]
            ),
            None,
        )
        if late is None:
            break
        harder, easier = late
        order.insert(harder, order.pop(easier))
    return order


def plan_session(
    profile: Profile,
    restrictions: Restrictions,
    catalog: Iterable[Exercise],
    history: Sequence[PastSession],
    today: date,
    gate: Gate | None = None,
    labels: Mapping[str, str] | None = None,
) -> SessionPlan:
    check_gate(restrictions, gate or Gate(), labels)
    chooser = Chooser(profile, restrictions, tuple(catalog))
    progress = assess(history, today)
    after = progress.after_sharp_pain
    if after.rest_today:
        raise RestToday(REST_TODAY)
    paused = progress.flare.paused
    extras = [] if paused else chooser.regress(chooser.add_ons(), progress)
    swapped = any(easier_than for _, easier_than in extras)
    moves = [(move, "") for move in chooser.active(progress)]
    # An add-on's easier version keeps the add-on's place, active move or not: it stands in
    # only where the add-on would have been.
    choices = _once([*moves, *extras])
    if after.easier and after.since is not None:
        hurt_plan = _plan_that_hurt(profile, restrictions, chooser, history, after.since, gate)
        if hurt_plan is not None:
            choices = _no_harder_than(chooser, choices, hurt_plan)
    active = [choice for choice in choices if choice in moves]
    add_ons = [choice for choice in choices if choice not in moves]
    # What stands in for an exercise that hurt goes before other add-ons when time is short.
    hurt = {
        chooser.by_slug[slug].name
        for slug in progress.sharp_pain_exercises
        if slug in chooser.by_slug
    }
    add_ons.sort(key=lambda choice: choice[1] not in hurt)
    if not active and not add_ons:
        raise PlanBlocked(
            "No exercise suits you today with your rollers, body areas and conditions. "
            + (
                "After sharp pain, speak to a clinician before rolling again."
                if progress.sharp_pain_exercises
                else "Check your profile, or ask a physiotherapist for a programme."
            )
        )
    planned, firm_only = _planned([*active, *add_ons], profile, restrictions, progress.stage)
    budget = profile.minutes * 60
    if after.easier and after.most_seconds:
        budget = min(budget, after.most_seconds)
    try:
        kept = fit([(item.exercise, item.dose) for item in planned], budget)
    except TooShort as short:
        raise PlanBlocked(
            f"{profile.minutes} minutes is too short for a safe session; choose at least "
            f"{short.minutes_needed}."
        ) from short
    fitted = [replace(item, dose=dose) for item, (_, dose) in zip(planned, kept, strict=False)]
    fitted.sort(key=lambda item: item.exercise.kind is not ExerciseKind.ACTIVE)
    items = tuple(_easier_first(fitted))
    firm_only = firm_only and any(item.density is Density.FIRM for item in items)
    walking = WALKING_MINUTES[0 if paused else progress.stage]
    notes = (
        _setting_notes(profile, restrictions, firm_only)
        + chooser.notes
        + _sharp_pain_notes(chooser, progress, items)
        + _progress_notes(progress, swapped)
        + _firmer_note(items, profile, restrictions, progress.stage)
        + _fit_notes(planned, items, profile.minutes)
        + [_walking_note(walking)]
    )
    timeline = build_timeline([(item.exercise, item.dose) for item in items])
    return SessionPlan(
        today, items, progress.stage, tuple(notes), timeline, walking, rolling_paused=paused
    )
