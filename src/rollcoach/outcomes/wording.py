from __future__ import annotations


def number(value: float) -> str:
    """At most one decimal, without a trailing .0: 2, 2.5, 0.3."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points(value: float) -> str:
    shown = number(value)
    return f"{shown} point" if shown == "1" else f"{shown} points"


def count(value: int, word: str, plural: str | None = None) -> str:
    return f"{value} {word}" if value == 1 else f"{value} {plural or word + 's'}"
