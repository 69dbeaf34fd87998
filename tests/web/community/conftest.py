from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.web import pagecache
from rollcoach.web.community.models import COMMENTS, Comment

ARTICLE = "foam-rolling-safe-start"
MakeComment = Callable[..., Comment]


@pytest.fixture
def make_comment(db: None) -> MakeComment:
    """Stores a comment directly; `age` in minutes puts it in the past for ordering tests."""

    def make(
        author: User,
        body: str = "Slow rolling helped.",
        status: str = Comment.Status.PENDING,
        article: str = ARTICLE,
        likely_spam: bool = False,
        age: int = 0,
    ) -> Comment:
        # Stored as moderation would leave it, and shown at once as moderation would.
        pagecache.public_changed(COMMENTS)
        return Comment.objects.create(
            author=author,
            body=body,
            status=status,
            article=article,
            likely_spam=likely_spam,
            created_at=timezone.now() - timedelta(minutes=age),
        )

    return make
