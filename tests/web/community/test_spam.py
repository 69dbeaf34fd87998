from __future__ import annotations

from datetime import timedelta

import pytest

from rollcoach.web.community import spam

NEW = timedelta(hours=2)
WEEK = timedelta(days=7)
OLD = timedelta(days=400)


@pytest.mark.parametrize(
    ("text", "links"),
    [
        pytest.param("Rolling slowly eased my upper back.", 0, id="plain text"),
        pytest.param("See https://www.nhs.uk/conditions/back-pain/ first.", 1, id="one url"),
        pytest.param("https://a.example http://b.example www.c.example", 3, id="urls and www"),
        pytest.param("HTTPS://A.EXAMPLE WWW.B.EXAMPLE", 2, id="upper case"),
        pytest.param("https://www.a.example/x?y=1 https://www.b.example/z", 2, id="long urls once"),
        pytest.param("cheap-pills.biz, pills.xyz and rollers.co.uk", 3, id="bare domains"),
        pytest.param("[one](https://a.example) [two](b.com) [three](/x)", 3, id="markdown"),
        pytest.param("[https://a.com](https://a.com) [see a.com](a.com)", 2, id="markdown text"),
        pytest.param('<a href="https://a.com">https://a.com</a> <A HREF=b.com>b</A>', 2, id="html"),
        pytest.param('<a href="https://a.com">left open https://a.com', 1, id="html unclosed"),
        pytest.param("Mentions of http, www and https", 0, id="scheme words"),
        pytest.param("e.g. 3.5 cm, i.e. notes.txt; told.me to look.at it", 0, id="dotted words"),
        pytest.param("Write to alice@example.com", 0, id="e-mail address"),
    ],
)
def test_it_counts_each_link_once(text: str, links: int) -> None:
    assert spam.count_links(text) == links


THREE = "Buy at https://a.example, www.b.example or cheap-pills.biz"
FIVE = " ".join(f"https://{n}.example" for n in "abcde")
SIX = FIVE + " https://f.example"


@pytest.mark.parametrize(
    ("text", "account_age", "flagged"),
    [
        pytest.param("Rolling slowly eased my upper back.", NEW, False, id="plain text"),
        pytest.param("This helped me: https://www.nhs.uk/back-pain", NEW, False, id="one link"),
        pytest.param("https://a.example and https://b.example", NEW, False, id="two links"),
        pytest.param(THREE, NEW, True, id="three links"),
        pytest.param("[a](https://a.com) [b](https://b.com) [c](c.com)", NEW, True, id="markdown"),
        pytest.param(
            '<a href="a.com">a</a><a href="b.com">b</a><a href="c.com">c</a>', NEW, True, id="html"
        ),
        pytest.param(THREE, WEEK - timedelta(minutes=1), True, id="just under a week old"),
        pytest.param(THREE, WEEK, False, id="a week old"),
        pytest.param(THREE, OLD, False, id="old account, three links"),
        pytest.param(FIVE, OLD, False, id="old account, five links"),
        pytest.param(SIX, OLD, True, id="old account, six links"),
    ],
)
def test_it_flags_several_links_from_a_new_account(
    text: str, account_age: timedelta, flagged: bool
) -> None:
    assert spam.looks_like_spam(text, account_age=account_age) is flagged


@pytest.mark.parametrize(
    ("text", "account_age", "reason"),
    [
        (THREE, NEW, "3 links from an account less than a day old"),
        ("https://a.example", timedelta(days=1, hours=5), "1 link from an account 1 day old"),
        (SIX, OLD, "6 links from an account 400 days old"),
    ],
)
def test_it_tells_the_moderator_why(text: str, account_age: timedelta, reason: str) -> None:
    assert spam.reason(text, account_age=account_age) == reason
