"""Articles: Markdown files with a YAML front matter, written by rollcoach and checked on load."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

import markdown
import yaml

from rollcoach.content.errors import ContentError
from rollcoach.content.loader import load_catalog

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
AUTHOR = "rollcoach"
FIELDS = ("slug", "title", "summary", "published", "author", "sources")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n(?P<body>.*)\Z", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
SITE_LINK = re.compile(r"\]\((/(?:exercises|articles)/[^)\s]*)\)")
# The page title is the only h1, so the body starts at h2 and never skips a level
# (screen readers navigate by heading level).
FIRST_HEADING_LEVEL = 2


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    published: date
    author: str
    sources: tuple[str, ...]
    body: str  # Markdown, as written
    html: str  # rendered from our own files only, never from what people type

    @property
    def url(self) -> str:
        return f"/articles/{self.slug}/"


def load_articles(directory: Path | None = None) -> tuple[Article, ...]:
    """Newest first; raises ContentError naming the file and the field at the first problem."""
    if directory is None:
        return _default_articles()
    return _load(directory)


def find_article(slug: str) -> Article | None:
    return next((a for a in load_articles() if a.slug == slug), None)


# Every article page asks for the articles; the files only change with a release.
@functools.cache
def _default_articles() -> tuple[Article, ...]:
    return _load(ARTICLES_DIR)


def _load(directory: Path) -> tuple[Article, ...]:
    if not directory.is_dir():
        raise ContentError(f"{directory}: not a folder of articles")
    files = sorted(directory.glob("*.md"))
    if not files:
        raise ContentError(f"{directory}: no article files (*.md)")
    articles = [_read(path) for path in files]
    slugs = {a.slug for a in articles}
    exercises = set(load_catalog().slugs())
    for path, article in zip(files, articles, strict=True):
        _check_links(path.name, article.body, slugs, exercises)
    return tuple(sorted(articles, key=lambda a: (a.published, a.title), reverse=True))


def _read(path: Path) -> Article:
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise ContentError(f"{path.name}: file: must be UTF-8 text") from None
    found = FRONT_MATTER.match(text)
    if found is None:
        raise ContentError(f"{path.name}: front matter: must start with a block between --- lines")
    try:
        meta = yaml.safe_load(found["meta"])
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: front matter: invalid YAML ({error})") from None
    if not isinstance(meta, Mapping):
        raise ContentError(f"{path.name}: front matter: must be a mapping of fields")
    fields = _Fields(path.name, meta)
    fields.only(FIELDS)

    slug = fields.text("slug")
    if not SLUG.fullmatch(slug):
        fields.fail("slug", f"must be lowercase words joined by hyphens, got {slug!r}")
    if slug != path.stem:
        fields.fail("slug", f"must match the file name {path.stem!r}, got {slug!r}")
    author = fields.text("author")
    if author != AUTHOR:
        fields.fail("author", f"must be {AUTHOR!r}: articles are our own writing, got {author!r}")

    body = found["body"].strip()
    if not body:
        fields.fail("body", "must not be empty")
    _check_headings(path.name, body)
    return Article(
        slug=slug,
        title=fields.text("title"),
        summary=fields.text("summary"),
        published=fields.day("published"),
        author=author,
        sources=fields.texts("sources"),
        body=body,
        html=markdown.markdown(body, extensions=["sane_lists"], output_format="html"),
    )


def _check_headings(file: str, body: str) -> None:
    previous = FIRST_HEADING_LEVEL - 1
    for marks in HEADING.findall(body):
        level = len(marks)
        if level < FIRST_HEADING_LEVEL:
            raise ContentError(f"{file}: body: headings start at ## (the title is the only #)")
        if level > previous + 1:
            raise ContentError(f"{file}: body: heading {marks} skips a level after {previous}")
        previous = level


def _check_links(file: str, body: str, articles: set[str], exercises: set[str]) -> None:
    for target in SITE_LINK.findall(body):
        parts = target.strip("/").split("/")
        known = exercises if parts[0] == "exercises" else articles
        if len(parts) != 2 or parts[1] not in known or not target.endswith("/"):
            raise ContentError(f"{file}: body: link {target!r} points to no {parts[0][:-1]}")


class _Fields:
    def __init__(self, file: str, data: Mapping[Any, Any]) -> None:
        self.file = file
        self.data = data

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ContentError(f"{self.file}: {key}: {problem}")

    def only(self, required: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in required:
                self.fail(str(key), "unknown field")
        for key in required:
            if key not in self.data:
                self.fail(key, "is required")

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be non-empty text, got {value!r}")
        return " ".join(value.split())

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            self.fail(key, f"must be a non-empty list, got {value!r}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}[{index}]", f"must be non-empty text, got {item!r}")
        return tuple(" ".join(item.split()) for item in value)

    def day(self, key: str) -> date:
        value = self.data.get(key)
        # YAML reads 2026-03-02 as a date; a quoted string or a timestamp is a mistake.
        if not isinstance(value, date) or isinstance(value, datetime):
            self.fail(key, f"must be a date written as YYYY-MM-DD, got {value!r}")
        return value
