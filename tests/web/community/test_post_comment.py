from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.community.models import Comment

ARTICLE = "foam-rolling-safe-start"
URL = f"/articles/{ARTICLE}/comments/"

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click me</a>',
    '"><svg onload=alert(1)>',
]


def test_it_stores_a_pending_comment_and_shows_it_to_the_author(
    owner_client: Client, owner: User
) -> None:
    response = owner_client.post(URL, {"body": "  Rolling slowly helped my upper back.  "})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{ARTICLE}/#comment-{comment.pk}"
    assert comment.author == owner
    assert comment.article == ARTICLE
    assert comment.body == "Rolling slowly helped my upper back."
    assert comment.status == Comment.Status.PENDING
    assert comment.likely_spam is False
    assert comment.moderated_at is None and comment.moderated_by is None

    html = owner_client.get(response["Location"]).content.decode()
    assert "awaiting approval" in html
    assert f'id="comment-{comment.pk}"' in html


def test_it_sends_anonymous_people_to_log_in(client: Client, db: None) -> None:
    response = client.post(URL, {"body": "Hello"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=%2Farticles%2F{ARTICLE}%2F%23comments"
    assert not Comment.objects.exists()


def test_it_refuses_get(owner_client: Client) -> None:
    assert owner_client.get(URL).status_code == 405


def test_it_gives_404_for_an_unknown_article(owner_client: Client) -> None:
    response = owner_client.post("/articles/no-such-article/comments/", {"body": "Hello"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_it_refuses_an_empty_comment(owner_client: Client, body: str) -> None:
    response = owner_client.post(URL, {"body": body})
    assert response.status_code == 400
    assert "Write your comment before posting it." in response.content.decode()
    assert not Comment.objects.exists()


def test_it_refuses_a_comment_over_2000_characters(owner_client: Client) -> None:
    response = owner_client.post(URL, {"body": "a" * 2001})
    assert response.status_code == 400
    assert "Keep your comment to 2,000 characters or fewer (it has 2001)." in (
        response.content.decode()
    )
    assert not Comment.objects.exists()
    assert owner_client.post(URL, {"body": "a" * 2000}).status_code == 302
    assert Comment.objects.count() == 1


def test_it_requires_csrf(owner: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post(URL, {"body": "Hello"}).status_code == 403
    assert not Comment.objects.exists()


def test_it_limits_each_person_to_five_comments_in_ten_minutes(
    owner_client: Client, outsider_client: Client
) -> None:
    for n in range(5):
        assert owner_client.post(URL, {"body": f"Comment {n}"}).status_code == 302
    response = owner_client.post(URL, {"body": "One too many"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait ten minutes and try again" in html
    assert "One too many</textarea>" in html  # the text is kept for later
    assert Comment.objects.count() == 5
    # Someone else is not held back by another person's limit.
    assert outsider_client.post(URL, {"body": "Mine"}).status_code == 302


LINKS = "Cheap rollers at https://a.example, www.b.example and [here](https://c.example)"


def test_it_flags_a_new_accounts_link_stuffed_comment_and_still_holds_it(
    owner_client: Client, outsider_client: Client
) -> None:
    assert owner_client.post(URL, {"body": LINKS}).status_code == 302
    comment = Comment.objects.get()
    assert comment.likely_spam is True
    assert comment.status == Comment.Status.PENDING
    assert "Cheap rollers" not in outsider_client.get(f"/articles/{ARTICLE}/").content.decode()


@pytest.mark.parametrize(
    ("joined_days_ago", "body", "flagged"),
    [
        (0, "Slow rolling helped; see https://www.nhs.uk/back-pain", False),
        (0, LINKS, True),
        (30, LINKS, False),
    ],
)
def test_it_weighs_links_by_the_accounts_age_when_posted(
    owner_client: Client, owner: User, joined_days_ago: int, body: str, flagged: bool
) -> None:
    joined = timezone.now() - timedelta(days=joined_days_ago)
    User.objects.filter(pk=owner.pk).update(date_joined=joined)
    assert owner_client.post(URL, {"body": body}).status_code == 302
    assert Comment.objects.get().likely_spam is flagged


@pytest.mark.parametrize("body", HOSTILE)
def test_it_escapes_hostile_text(
    owner_client: Client, outsider_client: Client, moderator: User, body: str
) -> None:
    assert owner_client.post(URL, {"body": body}).status_code == 302
    comment = Comment.objects.get()
    assert comment.body == body  # stored as typed, escaped on the way out
    comment.approve(moderator)
    for viewer in (owner_client, outsider_client):
        html = viewer.get(f"/articles/{ARTICLE}/").content.decode()
        shown = html.split('class="comment-body">')[1].split("</div>")[0]
        assert "<" not in shown and ">" not in shown and '"' not in shown
        assert "&lt;" in shown
        assert "<script>alert" not in html
        assert "onerror=" not in html.replace("onerror=&quot;", "")
        assert 'href="javascript:' not in html
        assert "<svg onload" not in html
