"""Caches whole pages: per person until their data changes, and public pages for visitors.

A person's version number lives in the shared cache and moves when a change to anything they
own is committed (signals below), so a cached page is never older than that person's data. Page
bodies live in each process's memory ("pages" cache), keyed by that version.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

PAGE_SECONDS = 300
View = Callable[..., HttpResponse]


def version_key(user_id: int) -> str:
    return f"person-version:{user_id}"


def person_version(user_id: int, known: int | None = None) -> int:
    """`known` is a reading already taken this request (the sign-in reads it with the user)."""
    key = version_key(user_id)
    version = cache.get(key) if known is None else known
    if version is None:
        # A lost version must not revive pages cached under an older one.
        version = time.time_ns()
        cache.add(key, version, timeout=None)
        version = cache.get(key, version)
    return int(version)


def bump(user_id: int) -> None:
    key = version_key(user_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def _owner_of(instance: Model) -> int | None:
    for field in ("user_id", "author_id"):
        value = getattr(instance, field, None)
        if value is not None:
            return int(value)
    return None


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    owner = _owner_of(instance)
    if owner is None:
        return

    # Inside a transaction, bump once the rows are visible: a bump before the commit would let
    # a page made from the old rows be cached under the new version. Robust: the change is
    # committed by then, and failing the request would tell the person it was not.
    def move_version() -> None:  # a named function: Django names it when it logs a failure
        bump(owner)

    transaction.on_commit(move_version, robust=True)


def watch(*models: type[Model]) -> None:
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}"
        )


def _cacheable(request: HttpRequest) -> bool:
    # Flash messages show once, and a page without a CSRF cookie yet must set one.
    return request.method == "GET" and "messages" not in request.COOKIES


def _key(*parts: object) -> str:
    return "page:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _serve(key: str, view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    pages = caches["pages"]
    hit = pages.get(key)
    if hit is not None:
        content, headers = hit
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return response
    response = view(request, *args, **kwargs)
    if response.status_code == 200 and not response.cookies and not response.streaming:
        pages.set(key, (response.content, dict(response.headers)), PAGE_SECONDS)
    return response


def per_person(view: View) -> View:
    """For a signed-in person's own pages, which depend only on their data and the date."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        csrf = request.COOKIES.get("csrftoken")
        if not (_cacheable(request) and user.is_authenticated and csrf):
            return view(request, *args, **kwargs)
        key = _key(
            user.pk,
            person_version(user.pk, getattr(user, "person_version", None)),
            user.is_staff,
            request.get_full_path(),
            timezone.localdate(),
            csrf,
        )
        return _serve(key, view, request, *args, **kwargs)

    return wrapped


def for_visitors(view: View) -> View:
    """For public pages seen by someone not signed in: the same page for everyone."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request) or request.COOKIES:
            return view(request, *args, **kwargs)
        return _serve(_key("visitor", request.get_full_path()), view, request, *args, **kwargs)

    return wrapped
