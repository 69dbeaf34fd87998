from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Makes a person a moderator (staff: they can log in to /admin/ and moderate comments, "
        "but never see health data), or with --remove makes them a plain person again. "
        "Example: manage.py rollcoach_moderator maria; "
        "manage.py rollcoach_moderator maria --remove"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="the account to change, e.g. maria")
        parser.add_argument(
            "--remove", action="store_true", help="take moderator status away instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as missing:
            raise CommandError(f"No account is called {username!r}.") from missing
        if options["remove"]:
            if user.is_superuser:
                raise CommandError(
                    f"{username} is a superuser, who needs admin access; "
                    "remove superuser status in the admin first."
                )
            if not user.is_staff:
                self.stdout.write(f"{username} is not a moderator; nothing changed.")
                return
            user.is_staff = False
            user.save(update_fields=["is_staff"])
            self.stdout.write(self.style.SUCCESS(f"{username} is no longer a moderator."))
            return
        if user.is_staff:
            self.stdout.write(f"{username} is already a moderator; nothing changed.")
            return
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        self.stdout.write(
            self.style.SUCCESS(f"{username} is now a moderator and can log in at /admin/.")
        )
