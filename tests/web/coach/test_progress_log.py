from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.outcomes.thresholds import SelfTestId, refusal
from rollcoach.web.coach.models import MobilityCheck, PainRating, Profile

pytestmark = pytest.mark.django_db


def nothing_saved() -> bool:
    return not PainRating.objects.exists() and not MobilityCheck.objects.exists()


def test_it_saves_weekly_pain_and_limit_then_redirects(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        "/progress/log/", {"form": "pain", "pain-weekly": "4", "pain-limit": "3"}, follow=True
    )
    assert response.redirect_chain == [("/progress/", 302)]
    ratings = PainRating.objects.filter(user=owner).order_by("kind")
    assert [(r.kind, r.value) for r in ratings] == [("limit", 3), ("weekly", 4)]
    assert "Saved. Average pain this week: 4; How much pain limited the day: 3." in (
        response.content.decode()
    )


def test_it_saves_one_score_alone(owner_client: Client, owner: User) -> None:
    owner_client.post("/progress/log/", {"form": "pain", "pain-limit": "0"})
    assert [(r.kind, r.value) for r in PainRating.objects.filter(user=owner)] == [("limit", 0)]


@pytest.mark.parametrize(
    "test, value, right",
    [
        ("thoracic-rotation", "42", "48.5"),
        ("fingertip-floor", "3", ""),
        ("occiput-wall", "0", ""),
        ("sit-reach", "12.5", ""),
    ],
)
def test_it_saves_a_self_test(
    owner_client: Client, owner: User, test: str, value: str, right: str
) -> None:
    response = owner_client.post(
        "/progress/log/",
        {
            "form": "mobility",
            "mobility-test": test,
            "mobility-value": value,
            "mobility-right": right,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/progress/"
    check = MobilityCheck.objects.get(user=owner)
    assert (check.test, check.value, check.right) == (
        test,
        float(value),
        float(right) if right else None,
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"form": "pain"}, "Enter at least one of the two scores."),
        ({"form": "pain", "pain-weekly": "11"}, "Enter a whole number from 0 to 10."),
        ({"form": "pain", "pain-weekly": "-1"}, "Enter a whole number from 0 to 10."),
        ({"form": "pain", "pain-weekly": "4.5"}, "Enter a whole number from 0 to 10."),
        ({"form": "pain", "pain-weekly": "four"}, "Enter a whole number from 0 to 10."),
        # One bad score keeps the good one from being saved as well.
        ({"form": "pain", "pain-weekly": "4", "pain-limit": "12"}, "Enter a whole number"),
        (
            {"form": "mobility", "mobility-test": "grip", "mobility-value": "3"},
            "Pick one of the self-tests in the list.",
        ),
        ({"form": "mobility", "mobility-test": "sit-reach"}, "Enter your score."),
        (
            {"form": "mobility", "mobility-test": "sit-reach", "mobility-value": "abc"},
            "Enter a number.",
        ),
        (
            {"form": "mobility", "mobility-test": "sit-reach", "mobility-value": "nan"},
            "Enter a number.",
        ),
        (
            {"form": "mobility", "mobility-test": "sit-reach", "mobility-value": "inf"},
            "Enter a number.",
        ),
        (
            {"form": "mobility", "mobility-test": "sit-reach", "mobility-value": "61"},
            "Enter -40 to 60 cm; check the number.",
        ),
        (
            {"form": "mobility", "mobility-test": "occiput-wall", "mobility-value": "-1"},
            "Enter 0 to 40 cm; check the number.",
        ),
        (
            {"form": "mobility", "mobility-test": "thoracic-rotation", "mobility-value": "40"},
            "Rotation is measured on both sides: enter the right side too.",
        ),
        (
            {
                "form": "mobility",
                "mobility-test": "thoracic-rotation",
                "mobility-value": "40",
                "mobility-right": "121",
            },
            "Enter 0 to 120 degrees; check the number.",
        ),
        (
            {
                "form": "mobility",
                "mobility-test": "fingertip-floor",
                "mobility-value": "10",
                "mobility-right": "12",
            },
            "Only rotation has a right side: leave this empty.",
        ),
        (
            {"form": "mobility", "mobility-test": "fingertip-floor", "mobility-value": "-3"},
            "Enter 0 to 80 cm; check the number.",
        ),
        ({"form": "other", "pain-weekly": "4"}, "Nothing was saved: use one of the forms"),
        ({"pain-weekly": "4"}, "Nothing was saved: use one of the forms"),
    ],
)
def test_it_saves_nothing_from_bad_input_and_says_why(
    owner_client: Client, data: dict[str, Any], message: str
) -> None:
    response = owner_client.post("/progress/log/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert nothing_saved()


def test_it_keeps_what_was_typed_when_it_refuses(owner_client: Client) -> None:
    page = owner_client.post(
        "/progress/log/", {"form": "pain", "pain-weekly": "4", "pain-limit": "12"}
    ).content.decode()
    assert 'name="pain-weekly" value="4"' in page
    assert "Nothing was saved." in page


def test_it_sends_a_visitor_to_log_in_and_saves_nothing(client: Client) -> None:
    response = client.post("/progress/log/", {"form": "pain", "pain-weekly": "4"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert nothing_saved()


def test_it_saves_for_the_signed_in_person_only(
    outsider_client: Client, outsider: User, owner: User
) -> None:
    outsider_client.post("/progress/log/", {"form": "pain", "pain-weekly": "4", "user": owner.pk})
    assert PainRating.objects.get().user == outsider


def test_it_refuses_a_post_without_the_csrf_token(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/progress/log/", {"form": "pain", "pain-weekly": "4"}).status_code == 403
    assert nothing_saved()


def test_it_accepts_only_posts(owner_client: Client) -> None:
    assert owner_client.get("/progress/log/").status_code == 405


def declare(user: User, *conditions: str) -> None:
    Profile.objects.create(user=user, areas=["upper-back"], conditions=list(conditions))


def offered_tests(page: str) -> list[str]:
    select = re.search(r'<select name="mobility-test".*?</select>', page, re.S)
    assert select is not None
    return re.findall(r'<option value="([a-z-]+)"', select.group(0))


def test_it_offers_every_self_test_without_a_condition(owner_client: Client) -> None:
    page = owner_client.get("/progress/").content.decode()
    assert offered_tests(page) == [
        "thoracic-rotation",
        "fingertip-floor",
        "occiput-wall",
        "sit-reach",
    ]


@pytest.mark.parametrize(
    "condition", ["osteoporosis", "pregnancy", "pregnancy-after-first-trimester", "fracture"]
)
def test_it_offers_no_forward_bend_test_to_a_person_it_rules_out(
    owner_client: Client, owner: User, condition: str
) -> None:
    declare(owner, condition)
    page = html.unescape(owner_client.get("/progress/").content.decode())
    assert offered_tests(page) == ["thoracic-rotation", "occiput-wall"]
    how = page[page.index("How to measure") :]
    assert "Fingertip-to-floor (cm)" not in how and "Sit-and-reach (cm)" not in how
    assert "Seated thoracic rotation (degrees)" in how


@pytest.mark.parametrize(
    ("conditions", "test"),
    [
        (("osteoporosis",), SelfTestId.FINGERTIP_FLOOR),
        (("osteoporosis",), SelfTestId.SIT_REACH),
        (("osteoporosis", "dvt"), SelfTestId.SIT_REACH),
        (("pregnancy-after-first-trimester",), SelfTestId.FINGERTIP_FLOOR),
    ],
)
def test_it_refuses_a_forward_bend_test_it_rules_out_and_stores_nothing(
    owner_client: Client, owner: User, conditions: tuple[str, ...], test: SelfTestId
) -> None:
    declare(owner, *conditions)
    response = owner_client.post(
        "/progress/log/", {"form": "mobility", "mobility-test": test.value, "mobility-value": "12"}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    message = refusal(test, conditions)
    assert message is not None and message in page
    assert "is not offered to you because of" in message
    assert "Nothing was saved." in page
    assert nothing_saved()


def test_it_still_saves_the_upright_self_tests_with_osteoporosis(
    owner_client: Client, owner: User
) -> None:
    declare(owner, "osteoporosis")
    data = {"form": "mobility", "mobility-test": "occiput-wall", "mobility-value": "4"}
    assert owner_client.post("/progress/log/", data).status_code == 302
    assert MobilityCheck.objects.get(user=owner).test == "occiput-wall"
