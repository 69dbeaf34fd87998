from __future__ import annotations

from django.contrib import admin

from rollcoach.web.accounts.admin_access import HealthDataAdmin, HistoryInline
from rollcoach.web.tracking.models import MobilityCheck, PainRating, SessionEvent, SessionLog


class SessionEventInline(HistoryInline):
    model = SessionEvent
    fields = ("at", "kind", "step_index", "exercise", "detail")
    readonly_fields = ("at", "kind", "step_index", "exercise", "detail")


@admin.register(SessionLog)
class SessionLogAdmin(HealthDataAdmin):
    list_display = ["user", "started_at", "status", "pain_before", "pain_after", "seconds_active"]
    list_filter = ["status", "started_at"]
    date_hierarchy = "started_at"
    autocomplete_fields = ["user", "plan"]
    readonly_fields = ["client_id", "timeline", "state"]
    inlines = [SessionEventInline]


@admin.register(PainRating)
class PainRatingAdmin(HealthDataAdmin):
    list_display = ["user", "kind", "value", "day", "recorded_at"]
    list_filter = ["kind", "day"]
    date_hierarchy = "day"


@admin.register(MobilityCheck)
class MobilityCheckAdmin(HealthDataAdmin):
    list_display = ["user", "test", "value", "right", "day", "recorded_at"]
    list_filter = ["test", "day"]
    date_hierarchy = "day"
