"""Who may see health data in the admin.

Moderators are staff so they can moderate comments, and Django lets staff see any model they hold
a permission for. Screens, pain ratings and sessions are health data: being able to moderate
comments is no reason to read them, and a permission granted carelessly to a group must not open
them either. So these admins ignore permissions and ask for a superuser, who is trusted with the
whole database anyway.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from rollcoach.web import pagecache
from rollcoach.web.coach.models import (
    Clearance,
    MobilityCheck,
    PainRating,
    Plan,
    Profile,
    Screening,
    SessionEvent,
    SessionLog,
)


def is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class HealthDataAdmin(admin.ModelAdmin[Any]):
    list_select_related = ["user"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_superuser(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    # An edit here skips the services, so it tells the person's kept pages itself.
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        pagecache.changed(obj.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        pagecache.changed(obj.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for user in User.objects.filter(pk__in=queryset.values("user")):
            pagecache.changed(user)
        super().delete_queryset(request, queryset)


class HistoryInline(admin.TabularInline[Any, Any]):
    """Rows that record what happened: shown to superusers, never edited."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Screening)
class ScreeningAdmin(HealthDataAdmin):
    list_display = ["user", "kind", "level", "taken_at"]
    list_filter = ["kind", "level", "taken_at"]
    date_hierarchy = "taken_at"
    # A screen records what the person answered at the time: it is never rewritten.
    readonly_fields = ["kind", "answers", "level", "result", "taken_at"]


@admin.register(Plan)
class PlanAdmin(HealthDataAdmin):
    list_display = ["user", "day", "stage", "minutes"]
    list_filter = ["stage", "day"]
    date_hierarchy = "day"
    # A plan is frozen when it is made; sessions point back at it.
    readonly_fields = ["day", "stage", "data", "total_seconds", "created_at"]

    @admin.display(description="minutes", ordering="total_seconds")
    def minutes(self, plan: Plan) -> str:
        return f"{plan.total_seconds / 60:.0f}"


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


@admin.register(Profile)
class ProfileAdmin(HealthDataAdmin):
    list_display = ["user", "areas", "rollers", "minutes", "days_per_week"]
    list_filter = ["can_get_to_floor", "days_per_week", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(Clearance)
class ClearanceAdmin(HealthDataAdmin):
    list_display = ["user", "given_on", "clinician", "recorded_at"]
    list_filter = ["given_on"]
    date_hierarchy = "given_on"
    # What the person recorded of a clinician's review is theirs: it is never rewritten.
    readonly_fields = ["given_on", "clinician", "said", "covers", "recorded_at"]
