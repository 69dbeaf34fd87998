from __future__ import annotations

from django.contrib import admin

from rollcoach.web.accounts.admin_access import HealthDataAdmin
from rollcoach.web.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(HealthDataAdmin):
    list_display = ["user", "areas", "rollers", "minutes", "days_per_week", "cleared_at"]
    list_filter = ["can_get_to_floor", "days_per_week", "cleared_at", "updated_at"]
    readonly_fields = ["updated_at"]
