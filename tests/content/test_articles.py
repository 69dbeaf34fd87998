from __future__ import annotations

import re
from pathlib import Path

import pytest

from rollcoach.content.articles import ARTICLES_DIR, find_article, load_articles
from rollcoach.content.errors import ContentError

INTRO = "foam-rolling-safe-start"
CORE = ("thoracic-spine-release", "upper-back-extension", "lat-release", "rhomboid-release")

GOOD = """---
slug: {slug}
title: A title
summary: A summary.
published: 2026-01-05
author: rollcoach
sources:
  - A source (2020).
---
Some text.

## A section

More text with a [link](/exercises/lat-release/).
"""


def write(folder: Path, text: str, name: str = "an-article") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(text.replace("{slug}", name), encoding="utf-8")
    return path


def test_it_loads_the_four_articles() -> None:
    slugs = {a.slug for a in load_articles()}
    assert slugs == {
        INTRO,
        "when-to-see-a-clinician",
        "choosing-a-roller",
        "tracking-pain-honestly",
    }
    titles = {a.title for a in load_articles()}
    assert "Foam rolling for your back: a safe start" in titles
    assert "When back pain needs a clinician, not a roller" in titles
    assert "Soft, medium or firm? Choosing a roller" in titles
    assert "Is it working? Tracking pain honestly" in titles


def test_it_gives_every_article_sources_and_our_authorship() -> None:
    for article in load_articles():
        assert article.author == "rollcoach"
        assert article.sources and all(len(s) > 10 for s in article.sources)


def test_it_links_the_intro_to_the_four_core_exercises() -> None:
    intro = find_article(INTRO)
    assert intro is not None
    for slug in CORE:
        assert f'href="/exercises/{slug}/"' in intro.html


def test_it_ends_the_intro_with_the_approval_sentence() -> None:
    intro = find_article(INTRO)
    assert intro is not None
    last = intro.body.splitlines()[-1]
    assert last == "Comments must be approved by a moderator before they are published."


def test_it_states_the_intros_facts() -> None:
    intro = find_article(INTRO)
    assert intro is not None
    text = " ".join(intro.body.split())
    for fact in (
        "every 2 to 4 seconds",
        "30 to 120 seconds",
        "1 to 3 sets",
        "about 3 sessions a week, for more than 4 weeks",
        "lower back",
        "neck",
        "Joints",
        "Bony points",
        "Osteoporosis",
        "Blood thinners",
        "Pregnancy",
        "open wound",
        "blood clot",
        "NG59",
        "Ozsoy 2019",
    ):
        assert fact in text, fact


@pytest.mark.parametrize(
    ("slug", "facts"),
    [
        ("choosing-a-roller", ("Cheatham and Stull 2018", "Grabow 2018", "optional")),
        ("tracking-pain-honestly", ("2 points, or 30 %", "Childs 2005", "Ostelo 2008")),
        ("when-to-see-a-clinician", ("emergency", "saddle", "both legs", "weight")),
    ],
)
def test_it_traces_each_article_to_its_sources(slug: str, facts: tuple[str, ...]) -> None:
    article = find_article(slug)
    assert article is not None
    text = " ".join(article.body.split())
    for fact in facts:
        assert fact in text, fact


def test_it_renders_markdown_with_headings_below_the_title() -> None:
    for article in load_articles():
        assert "<h2>" in article.html
        assert "<h1" not in article.html
        assert "<script" not in article.html


def test_it_lists_newest_first_and_caches() -> None:
    articles = load_articles()
    assert [a.published for a in articles] == sorted((a.published for a in articles), reverse=True)
    assert load_articles() is articles
    assert find_article("no-such-article") is None


def test_it_loads_a_good_file(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    (article,) = load_articles(tmp_path)
    assert article.slug == "an-article"
    assert article.url == "/articles/an-article/"
    assert article.published.isoformat() == "2026-01-05"
    assert '<a href="/exercises/lat-release/">link</a>' in article.html


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("title: A title\n", "", "title: is required"),
        ("title: A title\n", "title: ''\n", "title: must be non-empty text"),
        ("slug: {slug}", "slug: Another_Article", "slug: must be lowercase"),
        ("slug: {slug}", "slug: another-article", "slug: must match the file name"),
        ("published: 2026-01-05", "published: '5 Jan 2026'", "published: must be a date"),
        ("published: 2026-01-05", "published: 2026-01-05 10:00:00", "published: must be a date"),
        ("author: rollcoach", "author: someone else", "author: must be 'rollcoach'"),
        ("sources:\n  - A source (2020).", "sources: []", "sources: must be a non-empty list"),
        ("  - A source (2020).", "  - ''", "sources[0]: must be non-empty text"),
        ("author: rollcoach\n", "author: rollcoach\ntags: [x]\n", "tags: unknown field"),
        ("## A section", "# A section", "body: headings start at ##"),
        ("## A section", "### A section", "body: heading ### skips a level"),
        ("/exercises/lat-release/", "/exercises/no-such-move/", "body: link"),
        ("/exercises/lat-release/", "/articles/elsewhere/", "body: link"),
        ("title: A title", "title: [unclosed", "front matter: invalid YAML"),
    ],
)
def test_it_names_the_file_and_field_of_a_mistake(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    assert old in GOOD
    write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ContentError) as raised:
        load_articles(tmp_path)
    assert str(raised.value).startswith("an-article.md: ")
    assert field in str(raised.value)


def test_it_refuses_a_file_without_front_matter_or_body(tmp_path: Path) -> None:
    write(tmp_path, "Just text, no front matter.\n")
    with pytest.raises(ContentError, match=r"^an-article\.md: front matter: "):
        load_articles(tmp_path)
    write(tmp_path, GOOD.split("Some text.")[0])
    with pytest.raises(ContentError, match=r"^an-article\.md: body: must not be empty"):
        load_articles(tmp_path)


def test_it_refuses_an_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no article files"):
        load_articles(tmp_path)
    with pytest.raises(ContentError, match="not a folder"):
        load_articles(tmp_path / "missing")


def test_it_keeps_the_shipped_files_in_step_with_their_names() -> None:
    for path in ARTICLES_DIR.glob("*.md"):
        found = re.search(r"^slug: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert found is not None and found[1] == path.stem


# Claims the evidence does not carry: trial evidence for rolling in back pain is thin (Ozsoy 2019),
# and the roller-firmness and pressure studies measured range of movement, not "results".
OVERCLAIMS = (
    r"\bcures?\b",
    r"\bheals?\b",
    r"\bguarantee",
    r"\bproven\b",
    r"does not give better results",
    r"starts everyone with",
    r"it often feels good",
    r"often leaves your back",
)


@pytest.mark.parametrize("pattern", OVERCLAIMS)
def test_it_claims_no_more_than_the_evidence_supports(pattern: str) -> None:
    for article in load_articles():
        text = " ".join(f"{article.summary} {article.body}".split())
        for found in re.finditer(pattern, text, re.IGNORECASE):
            # "promises no cure" is the one way a cure may be mentioned.
            before = text[max(0, found.start() - 12) : found.start()]
            assert before.endswith("promises no "), f"{article.slug}: {found.group(0)!r}"


def test_it_says_the_roller_firmness_studies_measured_range_of_movement() -> None:
    article = find_article("choosing-a-roller")
    assert article is not None
    assert "gave no more range of movement" in " ".join(article.summary.split())


def test_it_keeps_rolling_an_add_on_to_active_moves_in_the_intro() -> None:
    intro = find_article(INTRO)
    assert intro is not None
    text = " ".join(intro.body.split())
    assert "promises no cure" in text
    for slug in ("bridge", "bird-dog", "sit-to-stand"):
        assert f'href="/exercises/{slug}/"' in intro.html
