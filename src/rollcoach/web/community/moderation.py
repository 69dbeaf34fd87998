"""What moderators work with: the spam signal, the queue, and bulk decisions on it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User

from rollcoach.web.community.models import Comment, CommentQuerySet

# More links than this in one comment is the commonest mark of link spam; such comments
# still wait in the queue like any other, only flagged.
MAX_LINKS = 2
LINK = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
QUEUE_PAGE = 100

ACTIONS: dict[str, Comment.Status] = {
    "approve": Comment.Status.APPROVED,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


def count_links(text: str) -> int:
    # "https://www.example.com" is one link: each match runs to the next whitespace.
    return len(LINK.findall(text))


def looks_like_spam(text: str) -> bool:
    return count_links(text) > MAX_LINKS


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


def decide(ids: Iterable[int], action: str, moderator: User, now: datetime | None = None) -> int:
    """Applies one decision to the chosen comments still pending; returns how many it changed.

    Only pending comments change, so two moderators working the queue at once cannot undo
    each other's decisions."""
    if action not in ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    chosen = Comment.objects.pending().filter(pk__in=list(ids))
    return chosen.moderate(ACTIONS[action], moderator, now)
