from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.community.models import Comment

URL = "/moderation/"
MakeComment = Callable[..., Comment]


def test_it_lists_pending_comments_oldest_first(
    moderator_client: Client, owner: User, outsider: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body="Newer words", age=1)
    make_comment(outsider, body="Older words", age=30, article="choosing-a-roller")
    make_comment(owner, body="Approved words", status=Comment.Status.APPROVED, age=60)
    response = moderator_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Older words") < html.index("Newer words")
    assert "Approved words" not in html
    assert 'href="/articles/choosing-a-roller/">Soft, medium or firm? Choosing a roller</a>' in html
    assert "mallory" in html and "alice" in html
    assert "<strong>2</strong> comments awaiting approval" in html
    assert "<strong>0</strong> flagged as likely spam" in html


def test_it_flags_likely_spam_and_filters_on_it(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body="Plain words")
    make_comment(owner, body="Buy at https://a https://b https://c", likely_spam=True)
    html = moderator_client.get(URL).content.decode()
    assert html.count('<span class="badge spam">Likely spam</span>') == 1
    assert "<strong>1</strong> flagged as likely spam" in html
    only = moderator_client.get(URL + "?spam=1").content.decode()
    assert "Buy at" in only and "Plain words" not in only
    assert "Show all pending comments" in only


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("spam", Comment.Status.SPAM),
    ],
)
def test_it_applies_a_bulk_action_to_the_selected_comments(
    moderator_client: Client,
    moderator: User,
    owner: User,
    make_comment: MakeComment,
    action: str,
    status: Comment.Status,
) -> None:
    first, second, left = (make_comment(owner, body=f"Words {n}") for n in range(3))
    response = moderator_client.post(
        URL, {"action": action, "comments": [first.pk, second.pk], "spam_only": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == URL
    for chosen in (first, second):
        chosen.refresh_from_db()
        assert chosen.status == status
        assert chosen.moderated_by == moderator
        assert chosen.moderated_at is not None
    left.refresh_from_db()
    assert left.status == Comment.Status.PENDING and left.moderated_at is None
    page = moderator_client.get(URL).content.decode()
    assert "2 comments" in page and "Words 2" in page and "Words 0" not in page


def test_it_keeps_the_spam_filter_after_acting(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner, likely_spam=True)
    response = moderator_client.post(
        URL, {"action": "spam", "comments": [comment.pk], "spam_only": "1"}
    )
    assert response["Location"] == URL + "?spam=1"


def test_it_leaves_comments_someone_else_already_moderated(
    moderator_client: Client, moderator: User, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    comment.approve(moderator)
    response = moderator_client.post(
        URL, {"action": "reject", "comments": [comment.pk]}, follow=True
    )
    assert "0 comments rejected. They had already been moderated" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("action", "picks", "message"),
    [
        ("approve", [], "Select at least one comment first."),
        ("delete", ["{pk}"], "Select a valid choice."),
        ("", ["{pk}"], "Choose what to do with the selected comments."),
        ("approve", ["nope"], "That is not a comment"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(
    moderator_client: Client,
    owner: User,
    make_comment: MakeComment,
    action: str,
    picks: list[str],
    message: str,
) -> None:
    comment = make_comment(owner)
    chosen = [pick.replace("{pk}", str(comment.pk)) for pick in picks]
    response = moderator_client.post(URL, {"action": action, "comments": chosen})
    assert response.status_code == 400
    assert message in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_it_is_not_found_for_anyone_but_staff(
    client: Client, outsider_client: Client, db: None
) -> None:
    assert client.get(URL).status_code == 404
    assert outsider_client.get(URL).status_code == 404


def test_it_lets_no_one_but_staff_moderate(
    client: Client, outsider_client: Client, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    for someone in (client, outsider_client):
        response = someone.post(URL, {"action": "approve", "comments": [comment.pk]})
        assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_it_escapes_comments_in_the_queue(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body='<script>alert(1)</script><img src=x onerror="alert(2)">')
    html = moderator_client.get(URL).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_says_when_the_queue_is_empty(moderator_client: Client) -> None:
    html = moderator_client.get(URL).content.decode()
    assert "The queue is empty." in html
    assert "<strong>0</strong> comments awaiting approval" in html


def test_it_says_why_a_comment_is_flagged(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    User.objects.filter(pk=owner.pk).update(date_joined=timezone.now() - timedelta(days=2))
    make_comment(owner, body="Buy at https://a.example www.b.example c.biz", likely_spam=True)
    make_comment(owner, body="Plain words")
    html = moderator_client.get(URL).content.decode()
    assert html.count("Flagged:") == 1
    assert "Flagged: 3 links from an account 2 days old." in html


def test_it_gives_each_comment_its_own_approve_and_reject_buttons(
    moderator_client: Client, owner: User, outsider: User, make_comment: MakeComment
) -> None:
    mine, theirs = make_comment(owner), make_comment(outsider)
    html = moderator_client.get(URL).content.decode()
    for comment, name in ((mine, "alice"), (theirs, "mallory")):
        buttons = re.findall(rf'formaction="/moderation/{comment.pk}/"[^>]*>(\w+)<', html, re.S)
        assert buttons == ["Approve", "Reject"]
        assert f'aria-label="Approve the comment by {name}"' in html
        assert f'aria-label="Reject the comment by {name}"' in html


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", Comment.Status.APPROVED, "Approved and published the comment by alice."),
        ("reject", Comment.Status.REJECTED, "Rejected the comment by alice."),
    ],
)
def test_it_decides_one_comment_with_its_own_button(
    moderator_client: Client,
    moderator: User,
    owner: User,
    make_comment: MakeComment,
    action: str,
    status: Comment.Status,
    message: str,
) -> None:
    chosen, left = make_comment(owner, body="Chosen words"), make_comment(owner, body="Left words")
    response = moderator_client.post(f"{URL}{chosen.pk}/", {"action": action}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert message in html
    assert "Chosen words" not in html and "Left words" in html
    chosen.refresh_from_db()
    assert chosen.status == status
    assert chosen.moderated_by == moderator and chosen.moderated_at is not None
    left.refresh_from_db()
    assert left.status == Comment.Status.PENDING and left.moderated_at is None


def test_it_keeps_the_spam_filter_after_one_decision(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner, likely_spam=True)
    response = moderator_client.post(f"{URL}{comment.pk}/", {"action": "reject", "spam_only": "1"})
    assert response["Location"] == URL + "?spam=1"


def test_it_leaves_one_comment_someone_else_already_moderated(
    moderator_client: Client, moderator: User, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    comment.reject(moderator)
    response = moderator_client.post(f"{URL}{comment.pk}/", {"action": "approve"}, follow=True)
    html = response.content.decode()
    assert "The comment by alice had already been moderated by someone else" in html
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


def test_it_says_when_the_comment_no_longer_exists(
    moderator_client: Client, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    gone = comment.pk
    comment.delete()
    response = moderator_client.post(f"{URL}{gone}/", {"action": "approve"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "That comment no longer exists; nothing changed." in response.content.decode()


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("spam", "Select a valid choice."),
        ("delete", "Select a valid choice."),
        ("", "Choose Approve or Reject for that comment."),
    ],
)
def test_it_refuses_anything_but_approve_or_reject_for_one_comment(
    moderator_client: Client, owner: User, make_comment: MakeComment, action: str, message: str
) -> None:
    comment = make_comment(owner)
    response = moderator_client.post(f"{URL}{comment.pk}/", {"action": action})
    assert response.status_code == 400
    assert message in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_it_lets_no_one_but_staff_decide_one_comment(
    client: Client,
    outsider_client: Client,
    moderator_client: Client,
    owner: User,
    make_comment: MakeComment,
) -> None:
    comment = make_comment(owner)
    for someone in (client, outsider_client):
        assert someone.post(f"{URL}{comment.pk}/", {"action": "approve"}).status_code == 404
    assert moderator_client.get(f"{URL}{comment.pk}/").status_code == 405
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_it_refuses_one_decision_without_a_csrf_token(
    moderator: User, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.post(f"{URL}{comment.pk}/", {"action": "approve"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
