from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.articles import find_article
from rollcoach.web.accounts.deletion import delete_account
from rollcoach.web.community.models import Comment

ARTICLE = "foam-rolling-safe-start"
URL = f"/articles/{ARTICLE}/"
MakeComment = Callable[..., Comment]


def test_it_shows_the_article_and_its_sources(client: Client, db: None) -> None:
    article = find_article(ARTICLE)
    assert article is not None
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Foam rolling for your back: a safe start</h1>" in html
    assert 'href="/exercises/lat-release/"' in html
    assert ">Sources</h2>" in html
    for source in article.sources:
        assert source.split(":")[0] in html


def test_it_gives_404_for_an_unknown_article(client: Client, db: None) -> None:
    assert client.get("/articles/no-such-article/").status_code == 404


def test_it_asks_anonymous_people_to_log_in(client: Client, db: None) -> None:
    html = client.get(URL).content.decode()
    assert "Log in to comment" in html
    assert f'href="/accounts/login/?next=%2Farticles%2F{ARTICLE}%2F%23comments"' in html
    assert 'name="body"' not in html


def test_it_gives_signed_in_people_a_comment_form(owner_client: Client) -> None:
    html = owner_client.get(URL).content.decode()
    assert f'action="/articles/{ARTICLE}/comments/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="id_body">' in html
    assert "Log in to comment" not in html


def test_it_shows_approved_comments_to_everyone(
    client: Client, outsider_client: Client, owner: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body="Approved words", status=Comment.Status.APPROVED)
    for someone in (client, outsider_client):
        html = someone.get(URL).content.decode()
        assert "Approved words" in html
        assert "Comments (1)" in html
        assert "Awaiting approval" not in html


def test_it_shows_a_pending_comment_only_to_its_author(
    owner_client: Client,
    outsider_client: Client,
    moderator_client: Client,
    owner: User,
    make_comment: MakeComment,
) -> None:
    make_comment(owner, body="My pending words")
    mine = owner_client.get(URL).content.decode()
    assert "My pending words" in mine
    assert "Awaiting approval" in mine
    assert "Comments (0)" in mine
    # owner_client is pytest-django's `client`, signed in; anonymous needs its own.
    for other in (Client(), outsider_client, moderator_client):
        html = other.get(URL).content.decode()
        assert "My pending words" not in html
        assert "No comments yet." in html


def test_it_never_shows_refused_comments_to_others(
    owner_client: Client, outsider_client: Client, owner: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body="Rejected words", status=Comment.Status.REJECTED)
    make_comment(owner, body="Spam words", status=Comment.Status.SPAM)
    mine = owner_client.get(URL).content.decode()
    assert "Rejected words" in mine and "Spam words" in mine
    assert mine.count("Not published") == 2
    theirs = outsider_client.get(URL).content.decode()
    assert "Rejected words" not in theirs and "Spam words" not in theirs


def test_it_keeps_comments_to_their_article(
    outsider_client: Client, owner: User, make_comment: MakeComment
) -> None:
    make_comment(
        owner, body="Elsewhere", status=Comment.Status.APPROVED, article="choosing-a-roller"
    )
    assert "Elsewhere" not in outsider_client.get(URL).content.decode()
    assert "Elsewhere" in outsider_client.get("/articles/choosing-a-roller/").content.decode()


def test_it_keeps_line_breaks_and_shows_oldest_first(
    client: Client, owner: User, outsider: User, make_comment: MakeComment
) -> None:
    make_comment(owner, body="Second", status=Comment.Status.APPROVED, age=1)
    make_comment(outsider, body="First line\nnext line", status=Comment.Status.APPROVED, age=5)
    html = client.get(URL).content.decode()
    assert "First line<br>next line" in html
    assert html.index("First line") < html.index("Second")


def test_it_names_the_author_by_name(
    client: Client, owner: User, make_comment: MakeComment
) -> None:
    owner.first_name, owner.last_name = "Alice", "Moss"
    owner.save()
    make_comment(owner, status=Comment.Status.APPROVED)
    assert "Alice Moss" in client.get(URL).content.decode()


def test_it_refuses_post(client: Client, db: None) -> None:
    assert client.post(URL).status_code == 405


def test_it_shows_a_visitor_a_comment_as_soon_as_it_is_approved(
    client: Client,
    owner: User,
    moderator_client: Client,
    make_comment: MakeComment,
    django_assert_num_queries: Callable[..., Any],
) -> None:
    comment = make_comment(owner, body="Ten slow passes were enough for me.")
    assert comment.body not in client.get(URL).content.decode()
    with django_assert_num_queries(0):  # kept for visitors
        assert comment.body not in client.get(URL).content.decode()
    moderator_client.post(f"/moderation/{comment.pk}/", {"action": "approve"})
    assert comment.body in client.get(URL).content.decode()


def test_it_hides_a_deleted_account_s_comments_from_visitors_at_once(
    client: Client, owner: User, make_comment: MakeComment
) -> None:
    comment = make_comment(owner, body="Rolled after my run.", status=Comment.Status.APPROVED)
    assert comment.body in client.get(URL).content.decode()
    delete_account(owner)
    assert comment.body not in client.get(URL).content.decode()
