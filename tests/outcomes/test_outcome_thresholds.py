from __future__ import annotations

import pytest

from rollcoach.outcomes.thresholds import (
    PAIN_PERCENT,
    PAIN_POINTS,
    PROGRAMME_WEEKS,
    SELF_TESTS,
    SelfTestId,
    Threshold,
)
from rollcoach.web.coach.models import MobilityCheck


@pytest.mark.parametrize(
    "threshold, value, cites",
    [
        (PAIN_POINTS, 2, "Childs"),
        (PAIN_PERCENT, 30, "Ostelo"),
        (PROGRAMME_WEEKS, 4, "Konrad"),
        (SELF_TESTS[SelfTestId.THORACIC_ROTATION].real_change, 6.3, "Johnson et al. 2012"),
        (SELF_TESTS[SelfTestId.FINGERTIP_FLOOR].real_change, 9.8, "Robinson 2014"),
        (SELF_TESTS[SelfTestId.OCCIPUT_WALL].real_change, 2, "product judgement"),
        (SELF_TESTS[SelfTestId.SIT_REACH].real_change, 4, "product judgement"),
    ],
)
def test_every_threshold_names_its_source(threshold: Threshold, value: float, cites: str) -> None:
    assert threshold.value == value
    assert cites in threshold.source


@pytest.mark.parametrize(
    "test, judgement, higher_is_better",
    [
        (SelfTestId.THORACIC_ROTATION, False, True),
        (SelfTestId.FINGERTIP_FLOOR, False, False),
        (SelfTestId.OCCIPUT_WALL, True, False),
        (SelfTestId.SIT_REACH, True, True),
    ],
)
def test_it_labels_the_product_judgements(
    test: SelfTestId, judgement: bool, higher_is_better: bool
) -> None:
    self_test = SELF_TESTS[test]
    assert self_test.real_change.judgement is judgement
    assert self_test.higher_is_better is higher_is_better
    assert self_test.how


def test_it_covers_every_self_test_that_can_be_logged() -> None:
    assert {t.value for t in SELF_TESTS} == {
        value for value, _ in MobilityCheck._meta.get_field("test").choices
    }
