from __future__ import annotations

from django.conf import settings
from django.db import models

from rollcoach.web.programme.models import Plan


class SessionLog(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETED = "completed", "Completed"
        STOPPED = "stopped", "Stopped"
        SHARP_PAIN = "stopped-sharp-pain", "Stopped: sharp pain"

    # Indexed by (user, started_at) below: an index of its own would only slow every write.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="session_logs",
        db_index=False,
    )
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True)
    # Chosen by the client so a retried or replayed upload is recorded once. Unique through a
    # constraint: unique=True also adds a pattern index on PostgreSQL, and nothing searches it.
    client_id = models.CharField(max_length=64)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    timeline = models.JSONField()
    state = models.JSONField(default=dict)  # runner state, so an interrupted session resumes
    seconds_active = models.PositiveIntegerField(default=0)
    # Raised by the client on every change; an upload carrying a lower one is older news.
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "-started_at"])]
        constraints = [
            models.UniqueConstraint(fields=["client_id"], name="unique_session_client_id")
        ]
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"session {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def sharp_pain(self) -> bool:
        return self.status == self.Status.SHARP_PAIN


class SessionEvent(models.Model):
    # Indexed by the (log, seq) constraint below.
    log = models.ForeignKey(
        SessionLog, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    kind = models.CharField(max_length=24)
    step_index = models.IntegerField(null=True, blank=True)
    exercise = models.CharField(max_length=80, blank=True)
    at = models.DateTimeField()
    detail = models.CharField(max_length=200, blank=True)
    # The client's numbering, so an event uploaded twice is stored once.
    seq = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["log", "seq"], name="unique_event_seq_per_log")
        ]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%H:%M:%S}"


class PainRating(models.Model):
    class Kind(models.TextChoices):
        WEEKLY = "weekly", "Average pain this week"
        LIMIT = "limit", "How much pain limited the day"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pain_ratings",
        db_index=False,
    )  # indexed first in the Meta index below
    kind = models.CharField(max_length=12, choices=Kind.choices)
    value = models.PositiveSmallIntegerField()
    day = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "kind", "day"])]
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}/10 on {self.day}"


class MobilityCheck(models.Model):
    class Test(models.TextChoices):
        THORACIC_ROTATION = "thoracic-rotation", "Seated thoracic rotation (degrees)"
        FINGERTIP_FLOOR = "fingertip-floor", "Fingertip-to-floor (cm)"
        OCCIPUT_WALL = "occiput-wall", "Back of head to wall (cm)"
        SIT_REACH = "sit-reach", "Sit-and-reach (cm)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mobility_checks",
        db_index=False,
    )  # indexed first in the Meta index below
    test = models.CharField(max_length=24, choices=Test.choices)
    value = models.FloatField()  # the one score, or the left side for rotation
    right = models.FloatField(null=True, blank=True)  # right side, for two-sided tests
    day = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "test", "day"])]
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.test} {self.value} on {self.day}"
