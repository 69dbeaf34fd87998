from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User


def local_user() -> User:
    """The person the terminal app acts for on their own machine: no login needed."""
    user, created = User.objects.get_or_create(username=settings.CLI_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
