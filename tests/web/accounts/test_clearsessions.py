"""Signed-out and expired sessions are kept in the database too; the documented cleanup removes
them and nothing else."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone


def test_it_clears_expired_sessions_and_keeps_live_ones(owner: User, client: Client) -> None:
    client.force_login(owner)
    live = client.session.session_key
    stale = Client()
    stale.force_login(owner)
    Session.objects.filter(session_key=stale.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert client.get("/accounts/").status_code == 200
