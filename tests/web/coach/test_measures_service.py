"""The one service behind `rollcoach log` and the progress page's forms."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from rollcoach.outcomes.thresholds import SelfTestId, refusal
from rollcoach.web.coach.models import MobilityCheck, PainRating, Profile
from rollcoach.web.coach.services.measures import conditions_of, record_measures

pytestmark = pytest.mark.django_db


def declare(user: User, *conditions: str) -> None:
    Profile.objects.create(user=user, areas=["lower-back"], conditions=list(conditions))


def test_it_reads_the_conditions_from_the_profile(owner: User, outsider: User) -> None:
    declare(owner, "osteoporosis", "dvt")
    assert conditions_of(owner) == ("osteoporosis", "dvt")
    assert conditions_of(outsider) == ()


@pytest.mark.parametrize(
    ("conditions", "test"),
    [
        (("osteoporosis",), "fingertip-floor"),
        (("osteoporosis",), "sit-reach"),
        (("pregnancy",), "sit-reach"),
        (("pregnancy-after-first-trimester",), "fingertip-floor"),
        (("fracture",), "sit-reach"),
    ],
)
def test_it_refuses_a_self_test_the_profile_rules_out_and_saves_nothing(
    owner: User, conditions: tuple[str, ...], test: str
) -> None:
    declare(owner, *conditions)
    with pytest.raises(ValueError) as refused:
        # The weekly score is good, but nothing is saved when any part is refused.
        record_measures(user=owner, now=timezone.now(), weekly=4, mobility=test, value=10)
    assert str(refused.value) == refusal(SelfTestId(test), conditions)
    assert "is not offered to you because of" in str(refused.value)
    assert not PainRating.objects.exists() and not MobilityCheck.objects.exists()


@pytest.mark.parametrize(
    ("conditions", "test", "value", "right"),
    [
        ((), "fingertip-floor", 12.0, None),
        ((), "sit-reach", -4.0, None),
        (("osteoporosis",), "thoracic-rotation", 40.0, 44.0),
        (("pregnancy-after-first-trimester",), "occiput-wall", 3.0, None),
        (("dvt", "varicose-veins"), "sit-reach", 6.0, None),
    ],
)
def test_it_saves_a_self_test_the_profile_allows(
    owner: User, conditions: tuple[str, ...], test: str, value: float, right: float | None
) -> None:
    if conditions:
        declare(owner, *conditions)
    saved = record_measures(user=owner, now=timezone.now(), mobility=test, value=value, right=right)
    assert len(saved) == 1
    check = MobilityCheck.objects.get(user=owner)
    assert (check.test, check.value, check.right) == (test, value, right)


def test_it_screens_each_person_by_their_own_profile(owner: User, outsider: User) -> None:
    declare(owner, "osteoporosis")
    record_measures(user=outsider, now=timezone.now(), mobility="sit-reach", value=5)
    assert MobilityCheck.objects.get().user == outsider
    with pytest.raises(ValueError, match="Sit-and-reach is not offered to you"):
        record_measures(user=owner, now=timezone.now(), mobility="sit-reach", value=5)


def test_it_refuses_a_step_reading_below_the_floor(owner: User) -> None:
    with pytest.raises(ValueError, match="fingertip-floor must be between 0 and 80, got -3"):
        record_measures(user=owner, now=timezone.now(), mobility="fingertip-floor", value=-3)
    assert not MobilityCheck.objects.exists()
