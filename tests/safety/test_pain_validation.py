from __future__ import annotations

import pytest

from rollcoach.safety.pain_score import PainScoreError, validate_pain


@pytest.mark.parametrize(
    "value, expected",
    [(0, 0), (4, 4), (10, 10), ("0", 0), ("7", 7), ("10", 10), (" 3 ", 3), ("03", 3)],
)
def test_it_accepts_whole_numbers_from_0_to_10(value: object, expected: int) -> None:
    assert validate_pain(value) == expected


@pytest.mark.parametrize(
    "value, shown",
    [
        (11, "11"),
        (-1, "-1"),
        ("abc", "'abc'"),
        (3.5, "3.5"),
        (3.0, "3.0"),
        (True, "True"),
        (False, "False"),
        (None, "None"),
        ("", "''"),
        ("11", "'11'"),
        ("-1", "'-1'"),
        ("3.5", "'3.5'"),
        ("٣", "'٣'"),
    ],
)
def test_it_rejects_anything_else(value: object, shown: str) -> None:
    with pytest.raises(PainScoreError) as caught:
        validate_pain(value)
    assert str(caught.value) == f"pain must be a whole number from 0 to 10, got {shown}"
    assert isinstance(caught.value, ValueError)
