"""A person's comments, looked up through the app registry so accounts works without community."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models


def comments_of(user: User) -> models.QuerySet[Any] | None:
    """The user's comments, or None where the community app is not installed."""
    try:
        comment = apps.get_model("community", "Comment")
    except LookupError:
        return None
    return comment._default_manager.filter(author=user).order_by("created_at", "pk")


def comment_to_dict(comment: Any) -> dict[str, Any]:
    return {
        "article": comment.article,
        "body": comment.body,
        "status": comment.status,
        "created_at": comment.created_at.isoformat(),
    }
