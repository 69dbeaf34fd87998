from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.web.community.models import Comment

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
        return Comment.objects.create(
            author=author,
            body=body,
            status=status,
            article=article,
            likely_spam=likely_spam,
            created_at=timezone.now() - timedelta(minutes=age),
        )

    return make
