"""A person who has rolled every day for two years: their download stays small."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.web.accounts.export import expand_export
from rollcoach.web.coach.models import SessionLog
from session_support import live_for

pytestmark = pytest.mark.django_db

YEARS_OF_DAYS = 730
# What a day of sessions may add to the download as the web page sends it. A day adds its session
# with 42 events (8 kB) and its plan (3.6 kB), 13.4 kB in all; version 1 added 41 kB, for it
# copied the 11.7 kB timeline into both.
BYTES_PER_SESSION = 16_000


def download(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    return response.content


def test_it_grows_by_a_session_and_not_by_a_timeline_a_day(
    owner: User, outsider: User, fill_history: Callable[[User, int], None]
) -> None:
    # Both have one row of every kind, today; alice has rolled every day for two years before.
    fill_history(outsider, 5)
    fill_history(owner, 5)
    live_for(owner, YEARS_OF_DAYS)
    one_day, two_years = download(outsider), download(owner)
    data = json.loads(two_years)
    assert len(data["sessions"]) == len(data["plans"]) == YEARS_OF_DAYS + 1
    # A timeline for each programme followed (two years of one, and today's), not one a day.
    assert len(data["timelines"]) <= 2
    per_session = (len(two_years) - len(one_day)) / YEARS_OF_DAYS
    assert per_session < BYTES_PER_SESSION, f"{per_session:.0f} bytes a session"
    # Nothing is lost: the sessions expand into the timelines version 1 copied into each.
    full = expand_export(data)
    timelines = dict(SessionLog.objects.filter(user=owner).values_list("client_id", "timeline"))
    assert {s["client_id"]: s["timeline"] for s in full["sessions"]} == timelines
