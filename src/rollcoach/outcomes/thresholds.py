from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rollcoach.safety.precautions import CONDITIONS, declared_conditions


@dataclass(frozen=True)
class Threshold:
    value: float
    unit: str
    source: str
    judgement: bool = False  # no published value: the product's own choice, shown as such


# A fall of 2 points or of 30 % from the baseline is the smallest change people notice.
PAIN_POINTS = Threshold(2, "points", "Childs et al. 2005; Ostelo et al. 2008")
PAIN_PERCENT = Threshold(30, "%", "Ostelo et al. 2008")

# Studies that found training effects ran longer than 4 weeks, about 3 sessions a week.
PROGRAMME_WEEKS = Threshold(
    4, "weeks", "Konrad et al. 2022: programmes longer than 4 weeks, about 3 sessions a week"
)


class SelfTestId(StrEnum):
    THORACIC_ROTATION = "thoracic-rotation"
    FINGERTIP_FLOOR = "fingertip-floor"
    OCCIPUT_WALL = "occiput-wall"
    SIT_REACH = "sit-reach"


@dataclass(frozen=True)
class RuledOut:
    """A condition (an id from safety.precautions) that keeps a self-test from a person."""

    condition: str
    why: str  # what the test does that the condition rules out, in plain words
    source: str


@dataclass(frozen=True)
class SelfTest:
    test: SelfTestId
    name: str
    unit: str
    higher_is_better: bool
    two_sided: bool
    real_change: Threshold  # a smaller change may be measurement error
    how: str  # how to measure, in plain words
    plausible: tuple[float, float]  # a score outside is a typing slip, not a measurement
    ruled_out_by: tuple[RuledOut, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"


BENDS_FORWARD = "it bends the spine forward as far as it will go"
# The forward-bend tests (fingertip-to-floor, sit-and-reach) are left out for these conditions.
FORWARD_BEND_RULED_OUT = (
    RuledOut(
        "osteoporosis",
        BENDS_FORWARD,
        "the brief's osteoporosis row (no spinal rolling: Bartsch et al. 2021 and "
        "patient-organisation guidance) and Brooke-Wavell et al. 2022, Br J Sports Med (avoid "
        "postures with a high degree of spinal flexion); leaving out this test is product "
        "judgement",
    ),
    RuledOut(
        "fracture",
        BENDS_FORWARD,
        "the brief's fracture row (a suspected spinal fracture blocks the programme); leaving "
        "out this test is product judgement",
    ),
    RuledOut(
        "pregnancy-after-first-trimester",
        BENDS_FORWARD + ", folding the body onto the belly",
        "the brief's pregnancy row (Bartsch et al. 2021: clearance first, nothing on the "
        "abdomen, no lying on the back after the first trimester); leaving out this test is "
        "product judgement",
    ),
    RuledOut(
        "pregnancy",
        BENDS_FORWARD + ", folding the body onto the belly",
        "the brief's pregnancy row (Bartsch et al. 2021: clearance first, nothing on the "
        "abdomen); leaving out this test is product judgement",
    ),
)


SELF_TESTS: dict[SelfTestId, SelfTest] = {
    item.test: item
    for item in (
        SelfTest(
            SelfTestId.THORACIC_ROTATION,
            "Seated thoracic rotation",
            "degrees",
            higher_is_better=True,
            two_sided=True,
            plausible=(0, 120),
            how="Sit on a chair, feet flat, knees together. Cross your arms over your chest and "
            "hold a phone flat on them, screen up, with its compass app open; note the reading. "
            "Turn your upper body to the left as far as is comfortable, hips still, and note how "
            "many degrees the reading moved. Then do the same to the right.",
            real_change=Threshold(
                6.3,
                "degrees",
                "Johnson et al. 2012: smallest real change 2.1-6.3 degrees; "
                "the upper bound is used to be safe",
            ),
        ),
        SelfTest(
            SelfTestId.FINGERTIP_FLOOR,
            "Fingertip-to-floor",
            "cm",
            higher_is_better=False,
            two_sided=False,
            plausible=(0, 80),
            how="Stand on the floor with feet together and knees straight. Bend forward slowly, "
            "only as far as is comfortable, arms hanging. A helper measures from the tip of your "
            "middle finger to the floor: 0 if your fingertips touch it.",
            real_change=Threshold(
                9.8, "cm", "Robinson 2014: smallest real change 9.8 cm (reliability: Perret 2001)"
            ),
            ruled_out_by=FORWARD_BEND_RULED_OUT,
        ),
        SelfTest(
            SelfTestId.OCCIPUT_WALL,
            "Back of head to wall",
            "cm",
            higher_is_better=False,
            two_sided=False,
            plausible=(0, 40),
            how="Stand with heels, buttocks and shoulders against a wall, looking straight ahead "
            "with your chin level (not tipped up). A helper measures the gap between the back of "
            "your head and the wall: 0 means your head touches it.",
            real_change=Threshold(
                2,
                "cm",
                "product judgement: the test is reliable (C7-to-wall ICC > 0.93) but no "
                "published smallest real change was found",
                judgement=True,
            ),
        ),
        SelfTest(
            SelfTestId.SIT_REACH,
            "Sit-and-reach",
            "cm",
            higher_is_better=True,
            two_sided=False,
            plausible=(-40, 60),
            how="Sit on the floor, legs straight, soles against a step or box. Reach forward "
            "slowly with one hand on top of the other and hold for 2 seconds. Measure how far your "
            "fingertips reach past your toes: a minus number if they stop short.",
            real_change=Threshold(
                4,
                "cm",
                "product judgement: no published smallest real change for this use was found",
                judgement=True,
            ),
            ruled_out_by=FORWARD_BEND_RULED_OUT,
        ),
    )
}


def ruled_out(test: SelfTestId, conditions: Iterable[str]) -> RuledOut | None:
    """The first of the person's conditions that rules the self-test out, if any."""
    declared = declared_conditions(conditions)
    return next(
        (rule for rule in SELF_TESTS[test].ruled_out_by if rule.condition in declared), None
    )


def self_tests_for(conditions: Iterable[str]) -> tuple[SelfTest, ...]:
    """The self-tests a person with these conditions is offered, in the table's order."""
    declared = declared_conditions(conditions)
    return tuple(
        item
        for item in SELF_TESTS.values()
        if not any(rule.condition in declared for rule in item.ruled_out_by)
    )


def refusal(test: SelfTestId, conditions: Iterable[str]) -> str | None:
    """What to tell a person who asks for a self-test that self_tests_for does not offer them;
    None when it is offered."""
    offered = self_tests_for(conditions)
    if SELF_TESTS[test] in offered:
        return None
    rule = ruled_out(test, conditions)
    assert rule is not None  # self_tests_for leaves a test out only for one of its rules
    names = ", ".join(item.name.lower() for item in offered)
    rest = f"You can use: {names}." if names else "No other self-test is offered to you."
    return (
        f"{SELF_TESTS[test].name} is not offered to you because of "
        f"{CONDITIONS[rule.condition].lower()}: {rule.why}. {rest}"
    )
