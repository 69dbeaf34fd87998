"""What moderators work with: the queue, the spam signal on it (spam.py), and decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.web.community import spam
from rollcoach.web.community.models import Comment, CommentQuerySet

QUEUE_PAGE = 100

ACTIONS: dict[str, Comment.Status] = {
    "approve": Comment.Status.APPROVED,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


@dataclass(frozen=True)
class Queue:
    comments: list[Comment]
    pending: int
    flagged: int
    matching: int  # pending comments under the current filter, shown or not


def queue(spam_only: bool = False) -> Queue:
    pending = Comment.objects.pending()
    shown: CommentQuerySet = pending.filter(likely_spam=True) if spam_only else pending
    return Queue(
        comments=list(shown.select_related("author").order_by("created_at", "id")[:QUEUE_PAGE]),
        pending=pending.count(),
        flagged=pending.filter(likely_spam=True).count(),
        matching=shown.count(),
    )


def why_flagged(comment: Comment) -> str:
    if not comment.likely_spam:
        return ""
    # The account's age when the comment was posted, as the flag was set, not as it is now.
    account_age = comment.created_at - comment.author.date_joined
    return spam.reason(comment.body, account_age=account_age)


@transaction.atomic
def decide(*, ids: Iterable[int], action: str, moderator: User, now: datetime | None = None) -> int:
    """Applies one decision to the chosen comments still pending; returns how many it changed.

    Only pending comments change, so two moderators working the queue at once cannot undo
    each other's decisions."""
    if action not in ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    chosen = Comment.objects.pending().filter(pk__in=list(ids))
    return chosen.moderate(ACTIONS[action], moderator, now)
