from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rollcoach.web.coach.services.plans import plan_for_today


def test_it_shows_the_owner_their_plan(owner_client: Client, ready_owner: User) -> None:
    plan = plan_for_today(user=ready_owner, now=timezone.now())
    response = owner_client.get(f"/plans/{plan.pk}/")
    assert response.status_code == 200
    assert plan.data["items"][0]["name"] in response.content.decode()


def test_it_hides_a_plan_from_everyone_else(
    ready_owner: User, outsider_client: Client, moderator_client: Client, client: Client
) -> None:
    plan = plan_for_today(user=ready_owner, now=timezone.now())
    assert outsider_client.get(f"/plans/{plan.pk}/").status_code == 404
    assert moderator_client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/").status_code == 302


def test_it_says_404_for_a_plan_that_does_not_exist(owner_client: Client) -> None:
    assert owner_client.get("/plans/999999/").status_code == 404


def test_it_links_the_plan_from_today(owner_client: Client, ready_owner: User) -> None:
    plan = plan_for_today(user=ready_owner, now=timezone.now())
    assert f'href="/plans/{plan.pk}/"' in owner_client.get("/today/").content.decode()
