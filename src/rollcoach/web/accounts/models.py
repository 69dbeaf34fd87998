from __future__ import annotations

from django.conf import settings
from django.db import models

from rollcoach.catalog.model import Area, Density, Zone
from rollcoach.planning.profile import Profile as PlanningProfile


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    areas = models.JSONField(default=list)  # Area values
    rollers = models.JSONField(default=list)  # Density values owned
    minutes = models.PositiveSmallIntegerField(default=10)
    days_per_week = models.PositiveSmallIntegerField(default=3)
    can_get_to_floor = models.BooleanField(default=True)
    conditions = models.JSONField(default=list)  # condition ids from safety.precautions
    avoid_zones = models.JSONField(default=list)  # Zone values never to roll
    # Set when the person confirms a clinician has cleared them after a SEE-CLINICIAN result.
    cleared_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.user}"

    @property
    def is_complete(self) -> bool:
        return bool(self.areas)

    def to_planning(self) -> PlanningProfile:
        return PlanningProfile(
            areas=tuple(Area(a) for a in self.areas),
            rollers=tuple(Density(d) for d in self.rollers),
            minutes=self.minutes,
            days_per_week=self.days_per_week,
            can_get_to_floor=self.can_get_to_floor,
            conditions=tuple(self.conditions),
            avoid_zones=tuple(Zone(z) for z in self.avoid_zones),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "areas": list(self.areas),
            "rollers": list(self.rollers),
            "minutes": self.minutes,
            "days_per_week": self.days_per_week,
            "can_get_to_floor": self.can_get_to_floor,
            "conditions": list(self.conditions),
            "avoid_zones": list(self.avoid_zones),
            "cleared_at": self.cleared_at.isoformat() if self.cleared_at else None,
        }
