from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from rollcoach.web import pagecache
from rollcoach.web.community.models import COMMENTS, Comment


def _is_moderator(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff)


def _apply(request: HttpRequest, comments: QuerySet[Comment], status: Comment.Status) -> None:
    assert isinstance(request.user, User)
    changed = Comment.objects.filter(pk__in=comments.values("pk")).moderate(status, request.user)
    messages.success(request, f"{changed} comment(s) now {status.label}.")


@admin.action(description="Approve the selected comments")
def approve(admin: CommentAdmin, request: HttpRequest, comments: QuerySet[Comment]) -> None:
    _apply(request, comments, Comment.Status.APPROVED)


@admin.action(description="Reject the selected comments")
def reject(admin: CommentAdmin, request: HttpRequest, comments: QuerySet[Comment]) -> None:
    _apply(request, comments, Comment.Status.REJECTED)


@admin.action(description="Mark the selected comments as spam")
def mark_spam(admin: CommentAdmin, request: HttpRequest, comments: QuerySet[Comment]) -> None:
    _apply(request, comments, Comment.Status.SPAM)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ("excerpt", "author_name", "article", "status", "likely_spam", "created_at")
    list_filter = ("status", "likely_spam", "article")
    search_fields = ("body", "article", "author__username", "author__first_name")
    date_hierarchy = "created_at"
    ordering = ("created_at",)
    actions = (approve, reject, mark_spam)
    list_select_related = ("author",)
    fields = ("article", "author", "body", "status", "likely_spam", "created_at", "moderated")
    readonly_fields = ("article", "author", "body", "likely_spam", "created_at", "moderated")

    # Every staff member is a moderator, and comments are their only job in the admin, so
    # staff status is the permission here: no group has to be kept in step with the accounts.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_moderator(request)

    def has_view_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return _is_moderator(request)

    def has_change_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return _is_moderator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return _is_moderator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments are written by their authors on the site

    # A deletion here changes what visitors see of an article at once; a status changed in
    # the form goes through moderate() below, which sees to it.
    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        super().delete_model(request, obj)
        pagecache.public_changed(COMMENTS)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        super().delete_queryset(request, queryset)
        pagecache.public_changed(COMMENTS)

    @admin.display(description="Comment")
    def excerpt(self, comment: Comment) -> str:
        return comment.body if len(comment.body) <= 80 else comment.body[:77] + "..."

    @admin.display(description="Author", ordering="author__username")
    def author_name(self, comment: Comment) -> str:
        return comment.author_name

    @admin.display(description="Moderated")
    def moderated(self, comment: Comment) -> str:
        if comment.moderated_at is None:
            return "not yet"
        by = comment.moderated_by.get_username() if comment.moderated_by else "a removed account"
        return f"{comment.moderated_at:%d %b %Y %H:%M} by {by}"

    def save_model(
        self, request: HttpRequest, obj: Comment, form: ModelForm[Comment], change: bool
    ) -> None:
        # A status changed in the form is a moderation decision like any other.
        if "status" in form.changed_data:
            assert isinstance(request.user, User)
            obj.moderate(Comment.Status(obj.status), request.user)
            return
        super().save_model(request, obj, form, change)
