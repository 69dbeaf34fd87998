from __future__ import annotations

import functools
from xml.etree import ElementTree

from rollcoach.catalog.model import Exercise
from rollcoach.content.loader import picture_path

SVG = "{http://www.w3.org/2000/svg}"


@functools.lru_cache(maxsize=64)
def _description(path: str) -> str:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return ""
    desc = root.find(f"{SVG}desc")
    return " ".join((desc.text or "").split()) if desc is not None else ""


def description(exercise: Exercise) -> str:
    """The picture's own description, used as the text alternative of an <img>."""
    return _description(str(picture_path(exercise))) or f"Drawing: {exercise.name}"
