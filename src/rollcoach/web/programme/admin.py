from __future__ import annotations

from django.contrib import admin

from rollcoach.web.accounts.admin_access import HealthDataAdmin
from rollcoach.web.programme.models import Plan, Screening


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
