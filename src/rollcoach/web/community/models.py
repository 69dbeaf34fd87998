from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rollcoach.web import pagecache

BODY_MAX_LENGTH = 2000
# What visitors see of comments: the article pages kept for them carry its version.
COMMENTS = "comments"


class CommentQuerySet(models.QuerySet["Comment"]):
    def on_article(self, slug: str) -> CommentQuerySet:
        return self.filter(article=slug)

    def published(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def visible_to(self, user: AbstractBaseUser | AnonymousUser, slug: str) -> CommentQuerySet:
        """Approved comments, plus the person's own in any state so they can see where theirs is."""
        shown = Q(status=Comment.Status.APPROVED)
        if user.is_authenticated:
            shown |= Q(author_id=user.pk)
        return self.on_article(slug).filter(shown).select_related("author").order_by("created_at")

    def moderate(self, status: Comment.Status, moderator: User, now: datetime | None = None) -> int:
        """Sets the status of every comment here in one query; returns how many changed."""
        when = now or timezone.now()
        pagecache.public_changed(COMMENTS)
        return self.update(status=status, moderated_by=moderator, moderated_at=when)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "awaiting approval"
        APPROVED = "approved", "approved"
        REJECTED = "rejected", "rejected"
        SPAM = "spam", "spam"

    article = models.CharField(max_length=100)  # an article's slug, indexed in Meta
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    likely_spam = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_comments",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="comment_queue"),
            # An article's comments in order. A Meta index, unlike db_index=True, adds no
            # pattern index on PostgreSQL: slugs are matched whole.
            models.Index(fields=["article", "created_at"], name="comment_article"),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} by {self.author_name} on {self.article}"

    @property
    def author_name(self) -> str:
        return self.author.get_full_name() or self.author.get_username()

    @property
    def is_published(self) -> bool:
        return self.status == Comment.Status.APPROVED

    @property
    def is_pending(self) -> bool:
        return self.status == Comment.Status.PENDING

    def approve(self, moderator: User, now: datetime | None = None) -> None:
        self.moderate(Comment.Status.APPROVED, moderator, now)

    def reject(self, moderator: User, now: datetime | None = None) -> None:
        self.moderate(Comment.Status.REJECTED, moderator, now)

    def mark_spam(self, moderator: User, now: datetime | None = None) -> None:
        self.moderate(Comment.Status.SPAM, moderator, now)

    def moderate(
        self, status: Comment.Status, moderator: User, now: datetime | None = None
    ) -> None:
        self.status = status
        self.moderated_by = moderator
        self.moderated_at = now or timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])
        pagecache.public_changed(COMMENTS)
