"""A person's programme: their profile, screens, plans, sessions and measures."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rollcoach.catalog.model import Area, Density, Zone
from rollcoach.outcomes.thresholds import SELF_TESTS
from rollcoach.planning.profile import Profile as PlanningProfile
from rollcoach.safety.precautions import Restrictions, restrictions_for
from rollcoach.session.engine import IN_PROGRESS, RECORD_STATUSES, SessionStatus

PROGRAMME = "programme"


def _owner(related_name: str) -> models.ForeignKey[models.Model, models.Model]:
    # Each owner key leads a Meta index of its model: an index of its own would only slow writes.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name=related_name,
        db_index=False,
    )


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
    # ISO 3166-1 alpha-2 code for the emergency numbers shown (safety.emergency); "" is not
    # chosen, then the browser's language or 112 decides.
    country = models.CharField(max_length=2, blank=True, default="")
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

    def restrictions(self) -> Restrictions:
        return restrictions_for(self.conditions, [Zone(z) for z in self.avoid_zones])

    def to_dict(self) -> dict[str, object]:
        return {
            "areas": list(self.areas),
            "rollers": list(self.rollers),
            "minutes": self.minutes,
            "days_per_week": self.days_per_week,
            "can_get_to_floor": self.can_get_to_floor,
            "conditions": list(self.conditions),
            "avoid_zones": list(self.avoid_zones),
        }


class Screening(models.Model):
    class Kind(models.TextChoices):
        RED_FLAGS = "red-flags", "Red-flag screen"
        START_BACK = "start-back", "STarT Back"
        PRE_SESSION = "pre-session", "Pre-session check"

    user = _owner("screenings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    answers = models.JSONField()
    level = models.CharField(max_length=20)  # a safety Level value, or a STarT Back risk
    result = models.JSONField(default=dict)
    taken_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "kind", "-taken_at"], name="screening_latest")]
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


class Clearance(models.Model):
    """A clinician's review as the person records it: who, when, what they said, and what it
    clears (screen answers and conditions in force then; safety/clearance.py)."""

    user = _owner("clearances")
    given_on = models.DateField()  # the day of the review
    clinician = models.CharField(max_length=100)
    said = models.TextField(max_length=500)
    covers = models.JSONField(default=list)  # question and condition ids
    recorded_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "-given_on"], name="clearance_latest")]
        ordering = ["-given_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"clearance of {self.given_on} by {self.clinician}"

    def to_dict(self) -> dict[str, object]:
        return {
            "given_on": self.given_on.isoformat(),
            "clinician": self.clinician,
            "said": self.said,
            "covers": list(self.covers),
            "recorded_at": self.recorded_at.isoformat(),
        }


class Plan(models.Model):
    """The session planned for one person on one day, frozen when it was made."""

    user = _owner("plans")
    day = models.DateField()
    stage = models.PositiveSmallIntegerField(default=0)
    data = models.JSONField()  # SessionPlan.to_dict(): items, notes, timeline
    total_seconds = models.PositiveIntegerField()
    # The sessions a week the person aimed at that day: past weeks are measured against it.
    days_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    # The day's programme, or a short session around a workout (planning/workout.py).
    purpose = models.CharField(max_length=20, default=PROGRAMME)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-day"], name="plan_latest")]
        ordering = ["-day", "-created_at"]

    def __str__(self) -> str:
        return f"plan for {self.day} (stage {self.stage})"

    @property
    def timeline(self) -> dict[str, object]:
        timeline: dict[str, object] = self.data["timeline"]
        return timeline


class SessionLog(models.Model):
    user = _owner("session_logs")
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True)
    # Chosen by the client so a retried or replayed upload is recorded once. Unique through a
    # constraint: unique=True also adds a pattern index on PostgreSQL, and nothing searches it.
    client_id = models.CharField(max_length=64)
    status = models.CharField(
        max_length=24,
        choices=[(str(status), label) for status, label in RECORD_STATUSES.items()],
        default=IN_PROGRESS,
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    timeline = models.JSONField()
    # The runner's state without its events (they are rows of their own), so a session resumes.
    state = models.JSONField(default=dict)
    seconds_active = models.PositiveIntegerField(default=0)
    # Raised by the client on every change; an upload carrying a lower one is older news.
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "-started_at"], name="session_latest")]
        constraints = [
            models.UniqueConstraint(fields=["client_id"], name="unique_session_client_id")
        ]
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"session {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def live(self) -> bool:
        return self.status == IN_PROGRESS

    @property
    def sharp_pain(self) -> bool:
        return self.status == SessionStatus.STOPPED_SHARP_PAIN


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

    user = _owner("pain_ratings")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    value = models.PositiveSmallIntegerField()
    day = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "kind", "day"], name="pain_by_day")]
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}/10 on {self.day}"


SELF_TEST_CHOICES = [(t.test.value, t.label) for t in SELF_TESTS.values()]


class MobilityCheck(models.Model):
    user = _owner("mobility_checks")
    test = models.CharField(max_length=24, choices=SELF_TEST_CHOICES)
    value = models.FloatField()  # the one score, or the left side for rotation
    right = models.FloatField(null=True, blank=True)  # right side, for two-sided tests
    day = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "test", "day"], name="mobility_by_day")]
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.test} {self.value} on {self.day}"
