from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from rollcoach.content.articles import load_articles
from rollcoach.web.community.models import Comment

ARTICLE = "foam-rolling-safe-start"


def test_it_lists_every_article_without_login(client: Client, db: None) -> None:
    response = client.get("/articles/")
    assert response.status_code == 200
    html = response.content.decode()
    for article in load_articles():
        assert f'href="/articles/{article.slug}/"' in html
        assert article.title in html or article.title.replace("'", "&#x27;") in html
        assert article.summary in html


def test_it_lists_newest_first(client: Client, db: None) -> None:
    html = client.get("/articles/").content.decode()
    positions = [html.index(f'href="/articles/{a.slug}/"') for a in load_articles()]
    assert positions == sorted(positions)


def test_it_counts_only_published_comments(
    client: Client, owner: User, outsider: User, make_comment: Callable[..., Comment]
) -> None:
    make_comment(owner, status=Comment.Status.APPROVED)
    make_comment(outsider, status=Comment.Status.APPROVED)
    make_comment(outsider, status=Comment.Status.PENDING)
    make_comment(outsider, status=Comment.Status.SPAM)
    html = client.get("/articles/").content.decode()
    assert "2 comments" in html
    assert "3 comments" not in html and "4 comments" not in html
    assert html.count("0 comments") == len(load_articles()) - 1


def test_it_refuses_post(client: Client, db: None) -> None:
    assert client.post("/articles/").status_code == 405
