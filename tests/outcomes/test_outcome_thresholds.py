from __future__ import annotations

import re

import pytest

from rollcoach.outcomes.thresholds import (
    PAIN_PERCENT,
    PAIN_POINTS,
    PROGRAMME_WEEKS,
    SELF_TESTS,
    SelfTestId,
    Threshold,
    refusal,
    ruled_out,
    self_tests_for,
)
from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web.coach.models import MobilityCheck

ROTATION = SelfTestId.THORACIC_ROTATION
FINGERTIP = SelfTestId.FINGERTIP_FLOOR
WALL = SelfTestId.OCCIPUT_WALL
SIT_REACH = SelfTestId.SIT_REACH
BEND_JUDGEMENT = "product judgement: the rotation and wall tests keep the spine upright"


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


@pytest.mark.parametrize(
    ("conditions", "test", "offered", "source"),
    [
        ((), FINGERTIP, True, "no condition declared"),
        ((), SIT_REACH, True, "no condition declared"),
        (("osteoporosis",), FINGERTIP, False, "Brooke-Wavell et al. 2022"),
        (("osteoporosis",), SIT_REACH, False, "Brooke-Wavell et al. 2022"),
        (("osteoporosis",), ROTATION, True, BEND_JUDGEMENT),
        (("osteoporosis",), WALL, True, BEND_JUDGEMENT),
        (("pregnancy",), FINGERTIP, False, "the brief's pregnancy row"),
        (("pregnancy",), SIT_REACH, False, "the brief's pregnancy row"),
        (("pregnancy",), ROTATION, True, BEND_JUDGEMENT),
        (("pregnancy-after-first-trimester",), FINGERTIP, False, "after the first trimester"),
        (("pregnancy-after-first-trimester",), SIT_REACH, False, "after the first trimester"),
        (("pregnancy-after-first-trimester",), WALL, True, BEND_JUDGEMENT),
        (("fracture",), FINGERTIP, False, "the brief's fracture row"),
        (("fracture",), SIT_REACH, False, "the brief's fracture row"),
        # Conditions of the legs, the skin or the blood change rolling, not these tests.
        (("dvt", "anticoagulants", "varicose-veins"), FINGERTIP, True, "product judgement"),
        (("open-wound", "reduced-sensation"), SIT_REACH, True, "product judgement"),
    ],
)
def test_it_screens_each_self_test_against_the_persons_conditions(
    conditions: tuple[str, ...], test: SelfTestId, offered: bool, source: str
) -> None:
    assert (SELF_TESTS[test] in self_tests_for(conditions)) is offered
    rule = ruled_out(test, conditions)
    if offered:
        assert rule is None and refusal(test, conditions) is None
    else:
        assert rule is not None and source in rule.source
        assert "product judgement" in rule.source


def test_it_keeps_the_tables_order_and_offers_everything_without_conditions() -> None:
    assert self_tests_for(()) == tuple(SELF_TESTS.values())
    assert [t.test for t in self_tests_for(["osteoporosis"])] == [ROTATION, WALL]
    assert [t.test for t in self_tests_for(iter(["pregnancy", "osteoporosis"]))] == [ROTATION, WALL]


def test_it_names_the_test_the_condition_and_what_is_left_when_it_refuses() -> None:
    message = refusal(SIT_REACH, ["osteoporosis"])
    assert message == (
        "Sit-and-reach is not offered to you because of osteoporosis: it bends the spine forward "
        "as far as it will go. You can use: seated thoracic rotation, back of head to wall."
    )
    later = refusal(FINGERTIP, ["pregnancy-after-first-trimester"])
    assert later is not None and "pregnancy after the first trimester" in later


@pytest.mark.parametrize("bad", ["osteoporosis", ["osteoporosis", "flu"]])
def test_it_refuses_conditions_it_cannot_read(bad: object) -> None:
    error = TypeError if isinstance(bad, str) else ValueError
    with pytest.raises(error, match="osteoporosis" if isinstance(bad, str) else "'flu'"):
        self_tests_for(bad)  # type: ignore[arg-type]


def test_it_names_only_known_conditions_with_a_source() -> None:
    for item in SELF_TESTS.values():
        for rule in item.ruled_out_by:
            assert rule.condition in CONDITIONS
            assert len(rule.source) > 20 and rule.why


@pytest.mark.parametrize("test", list(SelfTestId))
def test_it_never_asks_anyone_to_stand_on_a_step(test: SelfTestId) -> None:
    how = SELF_TESTS[test].how.lower()
    assert not re.search(r"\bstand\w*\s+on\s+(?:a|the)\s+(?:step|box|stool|chair)", how), how
    assert "past its edge" not in how


def test_it_reads_fingertip_to_floor_from_the_floor_up() -> None:
    fingertip = SELF_TESTS[FINGERTIP]
    assert fingertip.plausible == (0, 80)
    assert "0 if your fingertips touch it" in fingertip.how
