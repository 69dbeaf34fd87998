from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rollcoach.catalog.model import Area, Density, Dose, Exercise
from rollcoach.planning.dosing import scaled, staged
from rollcoach.planning.eligibility import allowed, usable_rollers
from rollcoach.planning.fitting import TooShort, fit
from rollcoach.planning.history import PastSession
from rollcoach.planning.profile import Profile
from rollcoach.planning.progression import MAX_STAGE, Progress, assess
from rollcoach.safety.precautions import Restrictions
from rollcoach.safety.redflags import GUIDANCE, Level
from rollcoach.session.timeline import Timeline, build_timeline

FIRMER_STAGE = 2
MAX_NAMED_DROPS = 3  # a longer list buries the notes that matter

PROCEED = Level.PROCEED.value


class PlanBlocked(Exception):
    pass


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

    @property
    def total_seconds(self) -> int:
        return self.timeline.total_seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "stage": self.stage,
            "items": [item.to_dict() for item in self.items],
            "notes": list(self.notes),
            "timeline": self.timeline.to_dict(),
            "total_seconds": self.total_seconds,
        }


def check_gate(restrictions: Restrictions, screening_level: str, cleared: bool) -> None:
    if screening_level not in set(Level):
        raise ValueError(f"unknown screening level {screening_level!r}")
    level = Level(screening_level)
    if level in (Level.EMERGENCY, Level.URGENT) or (level is Level.SEE_CLINICIAN and not cleared):
        raise PlanBlocked(f"Your last screen says {level.value}: {GUIDANCE[level]}")
    reasons = " ".join(restrictions.reasons)
    if restrictions.blocked:
        raise PlanBlocked(_joined("Rolling is not safe for you right now.", reasons))
    if restrictions.needs_clearance and not cleared:
        raise PlanBlocked(
            _joined(
                "Your programme is paused until you confirm a clinician has cleared you.", reasons
            )
        )


def _joined(first: str, rest: str) -> str:
    return f"{first} {rest}" if rest else first


def _priority(exercise: Exercise, areas: Sequence[Area]) -> tuple[bool, int, str]:
    matches = sum(1 for area in exercise.areas if area in areas)
    return (not exercise.core, -matches, exercise.slug)


def _area_names(exercise: Exercise, areas: Sequence[Area]) -> str:
    names = [area.value.replace("-", " ") for area in exercise.areas if area in areas]
    return " and ".join(names)


def _why(exercise: Exercise, profile: Profile, density: Density | None, easier_than: str) -> str:
    parts = []
    if easier_than:
        parts.append(f"An easier version of {easier_than}, after your last session")
    else:
        parts.append(f"For your {_area_names(exercise, profile.areas)}")
    if exercise.core:
        parts.append("a core move of the programme")
    if density is not None:
        parts.append(f"{density.value} roller: the softest of yours that suits it")
    elif not exercise.needs_roller:
        parts.append("no roller needed")
    return "; ".join(parts) + "."


class _Chooser:
    def __init__(
        self, profile: Profile, restrictions: Restrictions, catalog: Sequence[Exercise]
    ) -> None:
        self.profile = profile
        self.restrictions = restrictions
        self.by_slug = {exercise.slug: exercise for exercise in catalog}
        self.catalog = catalog
        self.notes: list[str] = []

    def ok(self, exercise: Exercise) -> bool:
        return allowed(exercise, self.profile, self.restrictions)

    def candidates(self) -> list[Exercise]:
        areas = self.profile.areas
        found = [e for e in self.catalog if self.ok(e) and set(areas) & set(e.areas)]
        # Someone who owns a roller came to roll: stretches without one come after.
        owns_roller = bool(self.profile.rollers)

        # Take turns between the sore areas so each gets an exercise before time runs out.
        pools = []
        for area in areas:

            def rank(exercise: Exercise, area: Area = area) -> tuple[bool, bool, bool, int, str]:
                core_last, matches, slug = _priority(exercise, areas)
                # An exercise aimed first at this area serves it better than one that merely helps.
                aimed_elsewhere = exercise.areas[0] != area
                rollerless = owns_roller and not exercise.needs_roller
                return (rollerless, core_last, aimed_elsewhere, matches, slug)

            pools.append(sorted((e for e in found if area in e.areas), key=rank))
        order: list[Exercise] = []
        while any(pools):
            for pool in pools:
                while pool and pool[0] in order:
                    pool.pop(0)
                if pool:
                    order.append(pool.pop(0))
        return order

    def regress(self, chosen: list[Exercise], progress: Progress) -> list[tuple[Exercise, str]]:
        """Swaps in easier versions after a setback; the result keeps the original order
        and names what each swapped exercise replaced."""
        painful = progress.sharp_pain_exercises
        result: list[tuple[Exercise, str]] = []
        for exercise in chosen:
            hurt = exercise.slug in painful
            if not hurt and not progress.repeated_setbacks:
                result.append((exercise, ""))
                continue
            easier = self.easier(exercise, painful)
            if easier is not None:
                result.append((easier, exercise.name))
                if hurt:
                    self.notes.append(
                        f"You had sharp pain during {exercise.name} last time, so today "
                        f"uses an easier version: {easier.name}."
                    )
            elif hurt:
                self.notes.append(
                    f"{exercise.name} is left out today because you had sharp pain during it "
                    "last time."
                )
            else:
                result.append((exercise, ""))
        unique: dict[str, tuple[Exercise, str]] = {}
        for exercise, easier_than in result:
            if exercise.slug not in painful:
                unique.setdefault(exercise.slug, (exercise, easier_than))
        return list(unique.values())

    def easier(self, exercise: Exercise, painful: frozenset[str]) -> Exercise | None:
        """The first regression down the chain that is allowed and did not hurt last time."""
        seen = {exercise.slug}
        step = self.by_slug.get(exercise.regression or "")
        while step is not None and step.slug not in seen:
            if step.slug not in painful and self.ok(step):
                return step
            seen.add(step.slug)
            step = self.by_slug.get(step.regression or "")
        return None


def _progress_notes(progress: Progress) -> list[str]:
    notes = []
    last = progress.last
    if progress.repeated_setbacks:
        notes.append(
            "Your pain flared after your last two sessions. Please see a GP or physiotherapist "
            "before you build up; until then the plan keeps to the easiest versions."
        )
    elif last is not None and last.sharp_pain:
        notes.append(
            "You stopped with sharp pain last time, so today is one step easier. If sharp pain "
            "comes back, stop and speak to a clinician."
        )
    elif last is not None and last.flare:
        notes.append(
            "Your pain rose by 2 points or more after your last session, so today is one step "
            "easier."
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


def _setting_notes(profile: Profile, restrictions: Restrictions) -> list[str]:
    notes = list(restrictions.reasons)
    if restrictions.light_pressure:
        notes.append("Use light pressure only.")
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


def plan_session(
    profile: Profile,
    restrictions: Restrictions,
    catalog: Iterable[Exercise],
    history: Sequence[PastSession],
    today: date,
    screening_level: str = PROCEED,
    cleared: bool = False,
) -> SessionPlan:
    check_gate(restrictions, screening_level, cleared)
    chooser = _Chooser(profile, restrictions, tuple(catalog))
    progress = assess(history, today)
    chosen = chooser.regress(chooser.candidates(), progress)
    if not chosen:
        raise PlanBlocked(
            "No exercise suits you today with your rollers, body areas and conditions. "
            + (
                "After sharp pain, speak to a clinician before rolling again."
                if progress.sharp_pain_exercises
                else "Check your profile, or ask a physiotherapist for a programme."
            )
        )
    planned = []
    for exercise, easier_than in chosen:
        rollers = usable_rollers(exercise, profile, restrictions)
        density = rollers[0] if exercise.needs_roller else None
        dose = scaled(staged(exercise.dose, progress.stage), restrictions.set_scale)
        planned.append(
            PlannedExercise(exercise, dose, density, _why(exercise, profile, density, easier_than))
        )
    try:
        kept = fit([(item.exercise, item.dose) for item in planned], profile.minutes * 60)
    except TooShort as short:
        raise PlanBlocked(
            f"{profile.minutes} minutes is too short for a safe session; choose at least "
            f"{short.minutes_needed}."
        ) from short
    items = tuple(replace(item, dose=dose) for item, (_, dose) in zip(planned, kept, strict=False))
    notes = (
        _setting_notes(profile, restrictions)
        + chooser.notes
        + _progress_notes(progress)
        + _firmer_note(items, profile, restrictions, progress.stage)
        + _fit_notes(planned, items, profile.minutes)
    )
    timeline = build_timeline([(item.exercise, item.dose) for item in items])
    return SessionPlan(today, items, progress.stage, tuple(notes), timeline)
