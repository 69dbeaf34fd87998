"""Which exercises a plan holds: active moves at its core, rolling and stretches as add-ons."""

from __future__ import annotations

from collections.abc import Sequence

from rollcoach.catalog.model import Area, Exercise, ExerciseKind
from rollcoach.planning.eligibility import allowed
from rollcoach.planning.pace import ACTIVE_MOVES
from rollcoach.planning.profile import Profile
from rollcoach.planning.progression import Progress
from rollcoach.safety.flare import FlareAdvice
from rollcoach.safety.precautions import Restrictions

Choice = tuple[Exercise, str]  # the exercise, and the name of the one it stands in for


def _round_robin(pools: list[list[Exercise]]) -> list[Exercise]:
    """Takes turns between the sore areas so each gets an exercise before time runs out."""
    order: list[Exercise] = []
    while any(pools):
        for pool in pools:
            while pool and pool[0] in order:
                pool.pop(0)
            if pool:
                order.append(pool.pop(0))
    return order


class Chooser:
    def __init__(
        self, profile: Profile, restrictions: Restrictions, catalog: Sequence[Exercise]
    ) -> None:
        self.profile = profile
        self.restrictions = restrictions
        self.catalog = catalog
        self.by_slug = {exercise.slug: exercise for exercise in catalog}
        self.notes: list[str] = []

    def ok(self, exercise: Exercise) -> bool:
        return allowed(exercise, self.profile, self.restrictions)

    def _pools(self, exercises: Sequence[Exercise], key: object) -> list[list[Exercise]]:
        areas = self.profile.areas
        found = [e for e in exercises if self.ok(e) and set(areas) & set(e.areas)]
        pools = []
        for area in areas:

            def rank(exercise: Exercise, area: Area = area) -> tuple[object, ...]:
                # An exercise aimed first at this area serves it better than one that merely
                # helps it; the programme's core moves come first.
                matches = sum(1 for a in exercise.areas if a in areas)
                aimed_elsewhere = exercise.areas[0] != area
                return (key(exercise), not exercise.core, aimed_elsewhere, -matches, exercise.slug)  # type: ignore[operator]

            pools.append(sorted((e for e in found if area in e.areas), key=rank))
        return pools

    def depth(self, exercise: Exercise) -> int:
        """How many easier versions stand before this one."""
        seen, step, count = {exercise.slug}, self.by_slug.get(exercise.regression or ""), 0
        while step is not None and step.slug not in seen:
            count, seen = count + 1, seen | {step.slug}
            step = self.by_slug.get(step.regression or "")
        return count

    def active(self, progress: Progress) -> list[Exercise]:
        """The active moves: the easiest allowed version of each chain for a start, a setback or
        a pause, and one step harder for each two stages well earned."""
        # A move that hurt is left out; its chain's easiest version stands in where it is another.
        # A harder version of a move that hurt is left out too: it is no step easier.
        painful = progress.sharp_pain_exercises
        moves = [
            e
            for e in self.catalog
            if e.kind is ExerciseKind.ACTIVE and not painful & {e.slug, *self._easier_slugs(e)}
        ]
        easiest = progress.easier or progress.stage < 2
        wanted = 0 if easiest else progress.stage // 2
        chosen = _round_robin(self._pools(moves, lambda e: abs(self.depth(e) - wanted)))
        if not chosen:
            # Nothing aimed at these areas suits: general movement for the back still does.
            others = [m for m in moves if self.ok(m)]
            chosen = sorted(others, key=lambda e: (abs(self.depth(e) - wanted), e.slug))
        # One version of each move: the one nearest the wanted step. Longer sessions hold more
        # moves; a pause, with no rolling, one more.
        count = ACTIVE_MOVES + self.profile.minutes // 20 + progress.flare.paused
        roots: dict[str, Exercise] = {}
        for move in chosen:
            roots.setdefault(self.root(move), move)
        picked = list(roots.values())[:count]
        if len(picked) < ACTIVE_MOVES:
            picked += [m for m in chosen if m not in picked][: ACTIVE_MOVES - len(picked)]
        # An easier version always comes before its harder one.
        return sorted(picked, key=self.depth)

    def _easier_slugs(self, exercise: Exercise) -> set[str]:
        found, step = set(), self.by_slug.get(exercise.regression or "")
        while step is not None and step.slug not in found and step.slug != exercise.slug:
            found.add(step.slug)
            step = self.by_slug.get(step.regression or "")
        return found

    def root(self, exercise: Exercise) -> str:
        seen, step = {exercise.slug}, exercise
        while step.regression and step.regression in self.by_slug:
            nxt = self.by_slug[step.regression]
            if nxt.slug in seen:
                break
            seen.add(nxt.slug)
            step = nxt
        return step.slug

    def add_ons(self) -> list[Exercise]:
        """Rolling, and stretches where there is no roller for it: never the whole plan."""
        owns_roller = bool(self.profile.rollers)
        extras = [e for e in self.catalog if e.kind is not ExerciseKind.ACTIVE]
        # Someone who owns a roller came to roll: stretches without one come after.
        return _round_robin(self._pools(extras, lambda e: owns_roller and not e.needs_roller))

    def regress(self, chosen: list[Exercise], progress: Progress) -> list[Choice]:
        """Swaps in easier versions after a setback; keeps the order and names what each swapped
        exercise replaced."""
        painful = progress.sharp_pain_exercises
        setback = progress.flare.advice is not FlareAdvice.NONE
        result: list[Choice] = []
        for exercise in chosen:
            hurt = exercise.slug in painful
            if not hurt and not setback:
                result.append((exercise, ""))
                continue
            easier = self.easier(exercise, painful)
            if easier is not None:
                result.append((easier, exercise.name))
            elif not hurt:
                result.append((exercise, ""))
        unique: dict[str, Choice] = {}
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
