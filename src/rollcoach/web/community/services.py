from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.web import ratelimit
from rollcoach.web.community.models import Comment
from rollcoach.web.community.moderation import looks_like_spam

COMMENT_LIMIT = 5
COMMENT_WINDOW_SECONDS = 10 * 60


class TooManyComments(Exception):
    """The person has posted as many comments as the limit allows for now."""


def post_comment(author: User, article: str, body: str, now: datetime | None = None) -> Comment:
    """Stores a new comment awaiting approval; the body must already be validated."""
    if not ratelimit.hit("comment", str(author.pk), COMMENT_LIMIT, COMMENT_WINDOW_SECONDS):
        raise TooManyComments
    return Comment.objects.create(
        article=article,
        author=author,
        body=body,
        likely_spam=looks_like_spam(body),
        created_at=now or timezone.now(),
    )
