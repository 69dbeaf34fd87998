from __future__ import annotations

from rollcoach.catalog.model import Density, Exercise
from rollcoach.planning.profile import Profile
from rollcoach.safety.precautions import Restrictions


def allowed(exercise: Exercise, profile: Profile, restrictions: Restrictions) -> bool:
    """Whether the exercise is safe and possible for this person today: the safety rule
    (restrictions.permits_exercise), then what the person can do and owns."""
    if not restrictions.permits_exercise(exercise):
        return False
    if exercise.needs_floor and not profile.can_get_to_floor:
        return False
    return not exercise.needs_roller or bool(usable_rollers(exercise, profile, restrictions))


def usable_rollers(
    exercise: Exercise, profile: Profile, restrictions: Restrictions
) -> tuple[Density, ...]:
    """Owned rollers this exercise may use, softest first."""
    cap = restrictions.max_density
    usable = {
        density
        for density in profile.rollers
        if density in exercise.densities and (cap is None or density.rank <= cap.rank)
    }
    return tuple(sorted(usable, key=lambda density: density.rank))
