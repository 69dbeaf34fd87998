from __future__ import annotations

import pytest

from rollcoach.outcomes.wording import count, number, points


@pytest.mark.parametrize(
    "value, shown",
    [(2, "2"), (2.0, "2"), (2.5, "2.5"), (2.46, "2.5"), (0.04, "0"), (-0.04, "0"), (-3.25, "-3.2")],
)
def test_it_shows_at_most_one_decimal(value: float, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(
    "value, shown", [(1, "1 point"), (1.0, "1 point"), (1.5, "1.5 points"), (2, "2 points")]
)
def test_it_says_point_or_points(value: float, shown: str) -> None:
    assert points(value) == shown


def test_it_counts_in_words() -> None:
    assert [count(1, "week"), count(3, "week"), count(2, "match", "matches")] == [
        "1 week",
        "3 weeks",
        "2 matches",
    ]
