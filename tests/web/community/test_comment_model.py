from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from django.contrib.auth.models import AnonymousUser, User

from rollcoach.web.community.models import Comment

ARTICLE = "foam-rolling-safe-start"
MakeComment = Callable[..., Comment]


def test_it_shows_each_person_the_published_and_their_own(
    owner: User, outsider: User, make_comment: MakeComment
) -> None:
    published = make_comment(outsider, status=Comment.Status.APPROVED)
    pending = make_comment(owner)
    refused = make_comment(owner, status=Comment.Status.REJECTED)
    theirs = make_comment(outsider, status=Comment.Status.PENDING)
    elsewhere = make_comment(owner, status=Comment.Status.APPROVED, article="choosing-a-roller")
    assert set(Comment.objects.visible_to(owner, ARTICLE)) == {published, pending, refused}
    assert set(Comment.objects.visible_to(outsider, ARTICLE)) == {published, theirs}
    assert list(Comment.objects.visible_to(AnonymousUser(), ARTICLE)) == [published]
    assert elsewhere not in Comment.objects.visible_to(owner, ARTICLE)


def test_it_records_who_decided_and_when(
    owner: User, moderator: User, make_comment: MakeComment
) -> None:
    now = datetime(2026, 10, 1, 9, 30, tzinfo=UTC)
    comment = make_comment(owner)
    comment.approve(moderator, now)
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.moderated_at) == (
        Comment.Status.APPROVED,
        moderator,
        now,
    )
    assert comment.is_published and not comment.is_pending
    comment.reject(moderator)
    assert Comment.objects.get().status == Comment.Status.REJECTED
    comment.mark_spam(moderator)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_it_deletes_comments_with_their_authors_account(
    owner: User, outsider: User, make_comment: MakeComment
) -> None:
    make_comment(owner)
    kept = make_comment(outsider)
    owner.delete()
    assert list(Comment.objects.all()) == [kept]


def test_it_keeps_decisions_when_a_moderator_leaves(
    owner: User, moderator: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    comment.approve(moderator)
    moderator.delete()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by is None and comment.moderated_at is not None
