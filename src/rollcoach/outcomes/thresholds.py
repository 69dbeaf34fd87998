from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
class SelfTest:
    test: SelfTestId
    name: str
    unit: str
    higher_is_better: bool
    two_sided: bool
    real_change: Threshold  # a smaller change may be measurement error
    how: str  # how to measure, in plain words
    plausible: tuple[float, float]  # a score outside is a typing slip, not a measurement

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"


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
            plausible=(-40, 80),
            how="Stand with feet together and knees straight. Bend forward slowly, only as far as "
            "is comfortable, arms hanging. A helper measures from the tip of your middle finger to "
            "the floor. If you stand on a step and reach past its edge, enter a minus number.",
            real_change=Threshold(
                9.8, "cm", "Robinson 2014: smallest real change 9.8 cm (reliability: Perret 2001)"
            ),
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
        ),
    )
}
