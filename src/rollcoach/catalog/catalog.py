from __future__ import annotations

from collections.abc import Iterable, Iterator

from rollcoach.catalog.model import Area, Density, Exercise


def core_first(exercises: Iterable[Exercise]) -> list[Exercise]:
    """The order the catalogue is shown in: the programme's core moves first, then by name."""
    return sorted(exercises, key=lambda e: (not e.core, e.name.lower()))


class UnknownExercise(KeyError):
    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug

    # KeyError's own str() would show only the quoted slug.
    def __str__(self) -> str:
        return f"unknown exercise {self.slug!r}; see `rollcoach exercises`"


class Catalog:
    """The exercises the product knows, looked up by slug. Holds data only; loading is elsewhere."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        by_slug: dict[str, Exercise] = {}
        for exercise in exercises:
            if exercise.slug in by_slug:
                raise ValueError(f"duplicate exercise slug {exercise.slug!r}")
            by_slug[exercise.slug] = exercise
        self._by_slug = by_slug

    def get(self, slug: str) -> Exercise:
        try:
            return self._by_slug[slug]
        except KeyError:
            raise UnknownExercise(slug) from None

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_slug.values())

    def __len__(self) -> int:
        return len(self._by_slug)

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and slug in self._by_slug

    def __repr__(self) -> str:
        return f"Catalog({len(self)} exercises)"

    def slugs(self) -> list[str]:
        return list(self._by_slug)

    def core(self) -> list[Exercise]:
        return [exercise for exercise in self if exercise.core]

    def filter(
        self,
        area: Area | None = None,
        density: Density | None = None,
        no_roller: bool = False,
    ) -> list[Exercise]:
        """Exercises offered for `area`; with `density`, only roller exercises that allow it;
        with `no_roller`, only exercises done without a roller."""
        if density is not None and no_roller:
            raise ValueError("density and no_roller exclude each other")
        found = []
        for exercise in self:
            if area is not None and area not in exercise.areas:
                continue
            if density is not None and density not in exercise.densities:
                continue
            if no_roller and exercise.needs_roller:
                continue
            found.append(exercise)
        return found

    def regression_of(self, slug: str) -> Exercise | None:
        easier = self.get(slug).regression
        return None if easier is None else self.get(easier)

    def progression_of(self, slug: str) -> Exercise | None:
        harder = self.get(slug).progression
        return None if harder is None else self.get(harder)
