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
from django.http import HttpRequest


def is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class HealthDataAdmin(admin.ModelAdmin):
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


class HistoryInline(admin.TabularInline):
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
