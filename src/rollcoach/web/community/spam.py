"""The spam signal: link-stuffed comments, weighed by how new the author's account is.

A flag only marks a comment in the moderation queue. Flagged or not, every comment waits for a
moderator, so a wrong flag costs a moderator a glance, never a lost or a published comment. For
the same reason links spelt to dodge a filter ("hxxp://", "example[.]com") are not looked for.
"""

from __future__ import annotations

import re
from datetime import timedelta

# Accounts made to post link spam post within days of signing up; a week covers that without
# treating members who have been here a while as suspects.
NEW_ACCOUNT = timedelta(days=7)
# One or two links are how people share a source (an NHS page, a video of a stretch); three or
# more from a week-old account is the shape of link spam.
NEW_ACCOUNT_LINKS = 3
# Members who have been here a while cite several sources; past a handful, a comment is a list
# of links whoever posts it (an account taken over, say).
ESTABLISHED_LINKS = 6

# Bare domains ("cheap-pills.biz") count only with these endings, so that "e.g.", "3.5 cm" and
# "file.txt" are not links. Endings that are English words a missing space would turn into a
# domain ("told.me", "look.at", "was.in", "with.us") are left out.
TLDS = (
    "com net org info biz xyz top site online shop store club live app dev io co ly tk ru cn "
    "uk de fr eu nl ca au nz health pharmacy"
).split()

# A markdown or HTML link counts once, whatever its text says, even when the text is a URL.
_MARKUP = re.compile(
    r"\[[^\]\n]*\]\(\s*[^)\s][^)]*\)"  # [text](url)
    r"|<a\b[^>]*\bhref\b[^>]*>(?:(?!</?a\b).)*(?:</a\s*>)?",  # <a href=...>text</a>
    re.IGNORECASE | re.DOTALL,
)
_LINK = re.compile(
    r"https?://\S+"  # a URL counts once, however long: "https://www.example.com/x" is one
    r"|\bwww\.\S+"
    rf"|(?<![\w.@/-])(?:[a-z0-9-]+\.)+(?:{'|'.join(TLDS)})\b(?![.-]?\w)",
    re.IGNORECASE,
)


def count_links(text: str) -> int:
    rest, marked = _MARKUP.subn(" ", text)
    return marked + len(_LINK.findall(rest))


def link_limit(account_age: timedelta) -> int:
    return NEW_ACCOUNT_LINKS if account_age < NEW_ACCOUNT else ESTABLISHED_LINKS


def looks_like_spam(text: str, *, account_age: timedelta) -> bool:
    return count_links(text) >= link_limit(account_age)


def reason(text: str, *, account_age: timedelta) -> str:
    """What a moderator is shown: "3 links from an account 2 days old"."""
    links = count_links(text)
    days = max(account_age.days, 0)
    age = f"{days} day{'' if days == 1 else 's'} old" if days else "less than a day old"
    return f"{links} link{'' if links == 1 else 's'} from an account {age}"
