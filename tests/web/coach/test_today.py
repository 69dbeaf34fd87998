from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.coach.models import Plan, SessionLog
from rollcoach.web.coach.services.clearances import record_clearance
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import take_start_back

START = 'href="/session/check/">Start session</a>'


def log_session(user: User, days_ago: int = 0, **fields: object) -> SessionLog:
    started = timezone.now() - timedelta(days=days_ago)
    values: dict[str, object] = {
        "status": "completed",
        "started_at": started,
        "finished_at": started + timedelta(minutes=10),
        "timeline": {},
    } | fields
    return SessionLog.objects.create(
        user=user, client_id=f"{user.pk}-{days_ago}-{started.timestamp()}", **values
    )


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/today/")
    assert response["Location"] == "/accounts/login/?next=/today/"


def test_it_sends_a_person_without_a_screen_to_start(owner_client: Client) -> None:
    assert owner_client.get("/today/")["Location"] == "/start/"


def test_it_shows_the_plan_and_one_start_button(ready_owner: User, owner_client: Client) -> None:
    response = owner_client.get("/today/")
    assert response.status_code == 200
    body = response.content.decode()
    plan = Plan.objects.get(user=ready_owner)
    items = plan.data["items"]
    assert items
    for item in items:
        assert item["name"] in body
        assert item["dose"]["text"] in body
        assert item["why"].replace("'", "&#x27;") in body
    minutes = -(-plan.total_seconds // 60)
    assert f"about {minutes} minute" in body
    assert body.count(START) == 1
    for note in plan.data["notes"]:
        assert note.replace("'", "&#x27;") in body


def test_it_shows_the_week_with_done_days_ticked(ready_owner: User, owner_client: Client) -> None:
    log_session(ready_owner)
    body = owner_client.get("/today/").content.decode()
    assert body.count('<li class="day') == 7
    assert 'aria-current="date"' in body
    today_item = body.split('aria-current="date"')[0].rsplit("<li", 1)[1]
    assert "done" in today_item


def test_it_leaves_unfinished_sessions_unticked(ready_owner: User, owner_client: Client) -> None:
    log_session(ready_owner, status="in-progress")
    body = owner_client.get("/today/").content.decode()
    assert "✓" not in body


def test_it_shows_the_last_results(ready_owner: User, owner_client: Client) -> None:
    log_session(ready_owner, days_ago=3, pain_before=6, pain_after=4)
    log_session(ready_owner, days_ago=1, status="stopped-sharp-pain", pain_before=5, pain_after=7)
    body = owner_client.get("/today/").content.decode()
    assert "Pain before: 5 out of 10" in body
    assert "Pain after: 7 out of 10" in body
    assert "stopped: sharp pain" in body
    assert "sharp pain" in body.split('id="notes-title"')[1]


def test_it_says_when_there_is_no_session_yet(ready_owner: User, owner_client: Client) -> None:
    assert "No sessions yet" in owner_client.get("/today/").content.decode()


def test_it_keeps_the_questionnaire_advice_in_view(ready_owner: User, owner_client: Client) -> None:
    answers: dict[str, object] = {f"SB{n}": n <= 4 for n in range(1, 9)} | {"SB9": "slightly"}
    take_start_back(user=ready_owner, answers=answers, now=timezone.now())
    assert "physiotherapist" in owner_client.get("/today/").content.decode()


@pytest.mark.parametrize(
    ("level", "profile", "expected", "absent"),
    [
        # After urgent care, the person records the review rather than change an answer.
        (
            "EMERGENCY",
            {"areas": ["hips"]},
            ["emergency department", 'role="alert"', 'href="/clearance/"'],
            "Start session",
        ),
        (
            "URGENT",
            {"areas": ["hips"]},
            ["Contact a doctor today", 'role="alert"', 'href="/clearance/"'],
            "Start session",
        ),
        ("SEE-CLINICIAN", {"areas": ["hips"]}, ['href="/clearance/"', "paused"], "role="),
        ("PROCEED", None, ['href="/profile/">Complete your profile'], "/clearance/"),
        ("SEE-CLINICIAN", None, ["Complete your profile", 'href="/clearance/"'], "role="),
        ("PROCEED", {"areas": ["hips"], "conditions": ["pregnancy"]}, ["midwife"], "role="),
        (
            "PROCEED",
            {"areas": ["hips"], "conditions": ["fracture"]},
            ["Rolling is not safe for you right now", "Check your profile"],
            "/clearance/",
        ),
    ],
)
def test_it_explains_a_blocked_plan_with_the_next_step(
    owner: User,
    owner_client: Client,
    screen_as: Callable[..., None],
    level: str,
    profile: dict[str, object] | None,
    expected: list[str],
    absent: str,
) -> None:
    screen_as(owner, level)
    if profile is not None:
        update_profile(user=owner, changes={"rollers": ["soft"], **profile})
    response = owner_client.get("/today/")
    assert response.status_code == 200
    body = response.content.decode().split("<main", 1)[1].split("</main>")[0]
    for text in expected:
        assert text in body
    assert absent not in body
    assert "Start session" not in body
    assert not Plan.objects.filter(user=owner).exists()


def test_it_shows_the_plan_once_a_clinician_has_cleared_the_person(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"]})
    record_clearance(
        user=owner, given_on=date.today(), clinician="GP", said="Go ahead.", now=timezone.now()
    )
    body = owner_client.get("/today/").content.decode()
    assert START in body
    assert "/clearance/" not in body


def test_it_shows_the_outsider_their_own_state_not_the_owner_s_plan(
    ready_owner: User,
    outsider: User,
    outsider_client: Client,
    owner_client: Client,
    screen_as: Callable[..., None],
) -> None:
    owner_body = owner_client.get("/today/").content.decode()
    assert START in owner_body
    assert outsider_client.get("/today/")["Location"] == "/start/"
    screen_as(outsider)
    body = outsider_client.get("/today/").content.decode()
    assert "Complete your profile" in body
    assert "Start session" not in body
    for item in Plan.objects.get(user=ready_owner).data["items"]:
        assert item["name"] not in body


def test_it_keeps_the_aim_of_the_day_with_the_plan(ready_owner: User, owner_client: Client) -> None:
    owner_client.get("/today/")
    assert Plan.objects.get(user=ready_owner).days_per_week == 3
    update_profile(
        user=ready_owner,
        changes={"areas": ["upper-back"], "rollers": ["soft"], "minutes": 10, "days_per_week": 5},
    )
    owner_client.get("/today/")
    assert Plan.objects.get(user=ready_owner).days_per_week == 5


@pytest.mark.parametrize("level", ["EMERGENCY", "URGENT"])
def test_it_gives_a_tap_to_call_link_in_the_stop_section(
    owner: User, owner_client: Client, screen_as: Callable[..., None], level: str
) -> None:
    screen_as(owner, level)
    body = owner_client.get("/today/", HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()
    stop = body.split('role="alert"', 1)[1].split("</section>", 1)[0]
    assert '<a class="button danger big" href="tel:112">Call 112</a>' in stop
    assert "(112 " in stop  # the guidance gives the number the link calls
    assert 'href="/profile/#id_country"' in stop


@pytest.mark.parametrize(("accept_language", "tel"), [("en-GB", "tel:999"), ("en-US", "tel:911")])
def test_it_calls_the_number_for_the_person_s_country_in_the_stop_section(
    owner: User,
    owner_client: Client,
    screen_as: Callable[..., None],
    accept_language: str,
    tel: str,
) -> None:
    screen_as(owner, "EMERGENCY")
    body = owner_client.get("/today/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    stop = body.split('role="alert"', 1)[1].split("</section>", 1)[0]
    assert f'href="{tel}"' in stop


def test_the_stop_section_calls_the_number_for_the_profile_s_country_first(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "EMERGENCY")
    update_profile(user=owner, changes={"country": "GB"})
    body = owner_client.get("/today/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    stop = body.split('role="alert"', 1)[1].split("</section>", 1)[0]
    assert 'href="tel:999"' in stop
    assert "tel:911" not in stop
