from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction


def delete_account(user: User) -> dict[str, int]:
    """Deletes the user and every row they own; returns how many rows of each kind went.

    Every model a person owns (profile, screens, plans, sessions and their events, ratings,
    checks, comments) cascades from the user; the deletion tests hold each one to that."""
    with transaction.atomic():
        _, removed = user.delete()
    return removed
