from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.community.models import Comment

LIST = "/admin/community/comment/"
MakeComment = Callable[..., Comment]


def test_it_shows_comments_to_a_moderator_without_model_permissions(
    moderator_client: Client, moderator: User, owner: User, make_comment: MakeComment
) -> None:
    assert not moderator.user_permissions.exists() and not moderator.groups.exists()
    owner.first_name, owner.last_name = "Alice", "Moss"
    owner.save()
    make_comment(owner, body="Words to moderate")
    index = moderator_client.get("/admin/")
    assert index.status_code == 200
    assert 'href="/admin/community/comment/"' in index.content.decode()
    page = moderator_client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Words to moderate" in html
    assert "Alice Moss" in html


def test_it_keeps_other_people_out(outsider_client: Client) -> None:
    response = outsider_client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("mark_spam", Comment.Status.SPAM),
    ],
)
def test_it_moderates_in_bulk(
    moderator_client: Client,
    moderator: User,
    owner: User,
    make_comment: MakeComment,
    action: str,
    status: Comment.Status,
) -> None:
    first, second, left = (make_comment(owner) for _ in range(3))
    response = moderator_client.post(
        LIST, {"action": action, "_selected_action": [first.pk, second.pk], "index": 0}
    )
    assert response.status_code == 302
    for chosen in (first, second):
        chosen.refresh_from_db()
        assert chosen.status == status
        assert chosen.moderated_by == moderator and chosen.moderated_at is not None
    left.refresh_from_db()
    assert left.status == Comment.Status.PENDING


def test_it_filters_and_searches(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body="Flagged words", likely_spam=True)
    make_comment(owner, body="Approved words", status=Comment.Status.APPROVED)
    make_comment(owner, body="Other article", article="choosing-a-roller")
    spam = moderator_client.get(LIST + "?likely_spam__exact=1").content.decode()
    assert "Flagged words" in spam and "Approved words" not in spam
    approved = moderator_client.get(LIST + "?status__exact=approved").content.decode()
    assert "Approved words" in approved and "Flagged words" not in approved
    article = moderator_client.get(LIST + "?article=choosing-a-roller").content.decode()
    assert "Other article" in article and "Flagged words" not in article
    found = moderator_client.get(LIST + "?q=flagged").content.decode()
    assert "Flagged words" in found and "Other article" not in found


def test_it_records_a_status_changed_in_the_form(
    moderator_client: Client, moderator: User, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner, body="Original")
    response = moderator_client.post(
        f"{LIST}{comment.pk}/change/", {"status": Comment.Status.APPROVED, "body": "Changed"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    assert comment.body == "Original"  # the author's words are not the moderator's to edit


def test_it_writes_no_comments_for_people(moderator_client: Client) -> None:
    assert moderator_client.get(f"{LIST}add/").status_code == 403


def test_it_lets_a_moderator_delete(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    response = moderator_client.post(f"{LIST}{comment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Comment.objects.exists()
