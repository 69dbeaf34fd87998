from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcoach.outcomes.mobility import is_real, mobility_trends
from rollcoach.outcomes.records import Measurement
from rollcoach.outcomes.thresholds import SELF_TESTS, SelfTestId

DAY = date(2026, 3, 2)


def series(test: str, *values: float | tuple[float, float]) -> list[Measurement]:
    items = []
    for i, value in enumerate(values):
        left, right = value if isinstance(value, tuple) else (value, None)
        items.append(Measurement(test, DAY + timedelta(weeks=i), left, right))
    return items


@pytest.mark.parametrize(
    "test, change, real",
    [
        (SelfTestId.THORACIC_ROTATION, 6.3, False),
        (SelfTestId.THORACIC_ROTATION, 6.4, True),
        (SelfTestId.THORACIC_ROTATION, -7, True),
        (SelfTestId.FINGERTIP_FLOOR, 9.8, False),
        (SelfTestId.FINGERTIP_FLOOR, -9.9, True),
        (SelfTestId.OCCIPUT_WALL, 2, False),
        (SelfTestId.OCCIPUT_WALL, 2.1, True),
        (SelfTestId.SIT_REACH, 4, False),
        (SelfTestId.SIT_REACH, 4.5, True),
    ],
)
def test_it_claims_a_real_change_only_beyond_the_smallest_real_change(
    test: SelfTestId, change: float, real: bool
) -> None:
    assert is_real(SELF_TESTS[test], change) is real


@pytest.mark.parametrize(
    "items, statement",
    [
        (
            series("fingertip-floor", 20),
            "Fingertip-to-floor: one measurement so far (20 cm). Measure again in a week or two "
            "to see a trend.",
        ),
        (
            series("fingertip-floor", 20, 14, 8),
            "Fingertip-to-floor: from 20 to 8 cm, 12 better. A real change: more than the 9.8 cm "
            "a re-test can differ by.",
        ),
        (
            series("fingertip-floor", 20, 25),
            "Fingertip-to-floor: from 20 to 25 cm (5 worse). Not yet a clear change: a re-test "
            "can differ by up to 9.8 cm.",
        ),
        (
            series("sit-reach", -5, 0.5),
            "Sit-and-reach: from -5 to 0.5 cm, 5.5 better. A real change: more than the 4 cm a "
            "re-test can differ by.",
        ),
        (
            series("occiput-wall", 6, 6),
            "Back of head to wall: 6 cm, no change. Not yet a clear change: a re-test can differ "
            "by up to 2 cm.",
        ),
        (
            series("occiput-wall", 6, 3),
            "Back of head to wall: from 6 to 3 cm, 3 better. A real change: more than the 2 cm a "
            "re-test can differ by.",
        ),
        (
            series("thoracic-rotation", (40, 45)),
            "Seated thoracic rotation: one measurement so far (left 40, right 45 degrees). "
            "Measure again in a week or two to see a trend.",
        ),
        (
            series("thoracic-rotation", (40, 45), (48, 47)),
            "Seated thoracic rotation: left from 40 to 48 degrees, 8 better; right from 45 to 47 "
            "degrees (2 better). A real change on the left: more than the 6.3 degrees a re-test "
            "can differ by.",
        ),
        (
            series("thoracic-rotation", (40, 45), (30, 35)),
            "Seated thoracic rotation: left from 40 to 30 degrees, 10 worse; right from 45 to 35 "
            "degrees, 10 worse. A real change: more than the 6.3 degrees a re-test can differ by.",
        ),
    ],
)
def test_it_states_each_trend_in_plain_words(items: list[Measurement], statement: str) -> None:
    [trend] = mobility_trends(items)
    assert trend.statement == statement


def test_it_gives_one_trend_per_test_in_a_fixed_order_oldest_first() -> None:
    items = series("sit-reach", 3, 5) + series("thoracic-rotation", (40, 41))
    trends = mobility_trends(reversed(items))
    assert [t.test.test for t in trends] == [SelfTestId.THORACIC_ROTATION, SelfTestId.SIT_REACH]
    assert [m.value for m in trends[1].measurements] == [3, 5]


def test_it_ignores_a_test_it_does_not_know() -> None:
    assert mobility_trends(series("grip-strength", 30, 40)) == []
