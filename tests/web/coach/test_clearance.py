from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.coach.models import Profile
from rollcoach.web.coach.services.profiles import update_profile


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.post("/clearance/")
    assert response["Location"] == "/accounts/login/?next=/clearance/"


def test_it_accepts_only_post(owner_client: Client) -> None:
    assert owner_client.get("/clearance/").status_code == 405


def test_it_clears_a_paused_person_without_a_profile_yet(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    response = owner_client.post("/clearance/")
    assert response["Location"] == "/start/back/"
    profile = Profile.objects.get(user=owner)
    assert profile.cleared_at is not None
    assert profile.areas == []


def test_it_lets_the_plan_go_ahead_once_cleared(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    update_profile(user=owner, changes={"areas": ["upper-back"], "rollers": ["soft"]})
    assert "Start session" not in owner_client.get("/today/").content.decode()
    owner_client.post("/clearance/")
    assert "Start session" in owner_client.get("/today/").content.decode()


def test_it_clears_a_condition_that_needs_a_clinician(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner)
    update_profile(
        user=owner, changes={"areas": ["upper-back"], "rollers": ["soft"], "conditions": ["dvt"]}
    )
    owner_client.post("/clearance/")
    assert Profile.objects.get(user=owner).cleared_at is not None


def test_it_changes_nothing_when_nothing_waits_for_clearance(
    ready_owner: User, owner_client: Client
) -> None:
    response = owner_client.post("/clearance/", follow=True)
    assert "nothing changed" in response.content.decode()
    assert Profile.objects.get(user=ready_owner).cleared_at is None


def test_it_cannot_clear_an_emergency(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "EMERGENCY")
    owner_client.post("/clearance/")
    assert not Profile.objects.filter(user=owner, cleared_at__isnull=False).exists()


def test_it_cannot_clear_a_fracture(
    owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner)
    update_profile(
        user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "conditions": ["fracture"]}
    )
    owner_client.post("/clearance/")
    assert Profile.objects.get(user=owner).cleared_at is None


def test_it_needs_the_csrf_token(owner: User, screen_as: Callable[..., None]) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/clearance/").status_code == 403
    assert not Profile.objects.filter(user=owner).exists()


def test_it_clears_only_the_person_signed_in(
    owner: User, outsider_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(owner, "SEE-CLINICIAN")
    outsider_client.post("/clearance/")
    assert not Profile.objects.filter(user=owner).exists()


def test_it_goes_to_today_when_the_profile_is_done(
    ready_owner: User, owner_client: Client, screen_as: Callable[..., None]
) -> None:
    screen_as(ready_owner, "SEE-CLINICIAN")
    response = owner_client.post("/clearance/")
    assert response["Location"] == "/today/"
