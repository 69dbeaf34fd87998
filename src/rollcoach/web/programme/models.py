from __future__ import annotations

from django.conf import settings
from django.db import models


class Screening(models.Model):
    class Kind(models.TextChoices):
        RED_FLAGS = "red-flags", "Red-flag screen"
        START_BACK = "start-back", "STarT Back"
        PRE_SESSION = "pre-session", "Pre-session check"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="screenings",
        db_index=False,
    )  # indexed first in the Meta index below
    kind = models.CharField(max_length=20, choices=Kind.choices)
    answers = models.JSONField()
    level = models.CharField(max_length=20)  # a safety Level value, or a STarT Back risk
    result = models.JSONField(default=dict)
    taken_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "kind", "-taken_at"])]
        ordering = ["-taken_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.level} at {self.taken_at:%Y-%m-%d %H:%M}"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "level": self.level,
            "answers": self.answers,
            "result": self.result,
            "taken_at": self.taken_at.isoformat(),
        }


class Plan(models.Model):
    """The session planned for one person on one day, frozen when it was made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans", db_index=False
    )  # indexed first in the Meta index below
    day = models.DateField()
    stage = models.PositiveSmallIntegerField(default=0)
    data = models.JSONField()  # SessionPlan.to_dict(): items, notes, timeline
    total_seconds = models.PositiveIntegerField()
    # The sessions a week the person aimed at that day: past weeks are measured against it.
    days_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-day"])]
        ordering = ["-day", "-created_at"]

    def __str__(self) -> str:
        return f"plan for {self.day} (stage {self.stage})"

    @property
    def timeline(self) -> dict[str, object]:
        timeline: dict[str, object] = self.data["timeline"]
        return timeline
