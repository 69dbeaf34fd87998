from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from rollcoach.web import ratelimit
from rollcoach.web.community.models import Comment
from rollcoach.web.community.spam import looks_like_spam

COMMENT_LIMIT = 5
COMMENT_WINDOW_SECONDS = 10 * 60


class TooManyComments(Exception):
    """The person has posted as many comments as the limit allows for now."""


@transaction.atomic
def post_comment(*, author: User, article: str, body: str, now: datetime | None = None) -> Comment:
    """Stores a new comment awaiting approval; the body must already be validated."""
    if not ratelimit.hit("comment", str(author.pk), COMMENT_LIMIT, COMMENT_WINDOW_SECONDS):
        raise TooManyComments
    when = now or timezone.now()
    return Comment.objects.create(
        article=article,
        author=author,
        body=body,
        likely_spam=looks_like_spam(body, account_age=when - author.date_joined),
        created_at=when,
    )
