from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.test import Client

from rollcoach.web.coach.models import (
    MobilityCheck,
    PainRating,
    Plan,
    Profile,
    Screening,
    SessionLog,
)

pytestmark = pytest.mark.django_db

HEALTH = [Profile, Screening, Plan, SessionLog, PainRating, MobilityCheck]
CHANGELISTS = [f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in HEALTH]


@pytest.fixture
def root(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.com", "a-long-admin-password-1")


@pytest.fixture
def root_client(root: User) -> Client:
    other = Client()
    other.force_login(root)
    return other


def test_it_registers_every_health_model() -> None:
    for model in HEALTH:
        assert admin.site.is_registered(model), model


def test_a_moderator_sees_no_health_models(moderator_client: Client) -> None:
    index = moderator_client.get("/admin/")
    assert index.status_code == 200
    body = index.content.decode()
    for url in CHANGELISTS:
        assert url not in body
    for url in CHANGELISTS:
        assert moderator_client.get(url).status_code == 403, url


def test_granted_permissions_do_not_open_health_data(
    moderator: User, moderator_client: Client
) -> None:
    moderator.user_permissions.add(*Permission.objects.filter(content_type__app_label="coach"))
    assert moderator.has_perm("coach.view_sessionlog")
    for url in CHANGELISTS:
        assert moderator_client.get(url).status_code == 403, url
    assert moderator_client.get("/admin/coach/sessionlog/add/").status_code == 403


def test_a_superuser_sees_them_all(root_client: Client) -> None:
    body = root_client.get("/admin/").content.decode()
    for url in CHANGELISTS:
        assert url in body
        assert root_client.get(url).status_code == 200, url


def test_a_superuser_searches_and_filters(
    root_client: Client, owner: User, outsider: User, fill_history: Callable[[User, int], None]
) -> None:
    fill_history(owner, 5)
    fill_history(outsider, 7)
    found = root_client.get("/admin/coach/sessionlog/?q=alice").content.decode()
    assert "alice" in found and "mallory" not in found
    filtered = root_client.get("/admin/coach/screening/?kind=red-flags")
    assert filtered.status_code == 200
    assert root_client.get("/admin/coach/painrating/?kind=weekly").status_code == 200


def test_session_events_show_read_only(
    root_client: Client, owner: User, fill_history: Callable[[User, int], None]
) -> None:
    fill_history(owner, 5)
    log = SessionLog.objects.get(user=owner)
    body = root_client.get(f"/admin/coach/sessionlog/{log.pk}/change/").content.decode()
    assert "alice event" in body
    assert 'name="events-0-detail"' not in body
