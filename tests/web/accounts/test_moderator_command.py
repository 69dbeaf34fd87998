from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("rollcoach_moderator", *args, stdout=out)
    return out.getvalue()


def test_it_makes_a_person_a_moderator(owner: User) -> None:
    assert "alice is now a moderator" in _run("alice")
    owner.refresh_from_db()
    assert owner.is_staff
    assert not owner.is_superuser


def test_it_takes_moderator_status_away(moderator: User) -> None:
    assert "maria is no longer a moderator" in _run("maria", "--remove")
    moderator.refresh_from_db()
    assert not moderator.is_staff


def test_it_says_when_nothing_changes(owner: User, moderator: User) -> None:
    assert "already a moderator" in _run("maria")
    assert "is not a moderator" in _run("alice", "--remove")
    owner.refresh_from_db()
    assert not owner.is_staff


def test_it_refuses_an_unknown_username(db: None) -> None:
    with pytest.raises(CommandError, match="No account is called 'nobody'"):
        _run("nobody")


def test_it_leaves_a_superuser_alone(db: None) -> None:
    root = User.objects.create_superuser("root", "root@example.com", "a-long-admin-password-1")
    with pytest.raises(CommandError, match="superuser"):
        _run("root", "--remove")
    root.refresh_from_db()
    assert root.is_staff


def test_its_help_has_an_example() -> None:
    from rollcoach.web.accounts.management.commands.rollcoach_moderator import Command

    parser = Command().create_parser("manage.py", "rollcoach_moderator")
    text = parser.format_help()
    assert "Example: manage.py rollcoach_moderator maria" in text
    assert "--remove" in text
