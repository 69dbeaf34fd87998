from __future__ import annotations

import pytest

from rollcoach.safety import discomfort
from rollcoach.safety.discomfort import DISCOMFORT_CAP, discomfort_ok
from rollcoach.safety.pain_score import PainScoreError


@pytest.mark.parametrize(
    "level, ok", [(0, True), (3, True), (5, True), (6, True), (7, False), (10, False)]
)
def test_it_caps_discomfort_at_six(level: int, ok: bool) -> None:
    assert DISCOMFORT_CAP == 6
    assert discomfort_ok(level) is ok


@pytest.mark.parametrize("level", [-1, 11])
def test_it_rejects_levels_off_the_scale(level: int) -> None:
    with pytest.raises(PainScoreError):
        discomfort_ok(level)


def test_it_labels_the_cap_as_judgement() -> None:
    assert discomfort.SOURCE == "product judgement (unsourced)"
