"""Whole pages kept: public pages for visitors, and a signed-in person's busy pages (today,
progress, the player) until anything of theirs changes.

Without it those pages reach 4 to 7 % of the signed-in floor (bench/RESULTS.md): each one
plans the day afresh. The services that write a person's data call `changed()`, which moves
the person's version once their change is committed; a page made before is never served again.
All of a person's pages sit under one key, so deleting the account takes every copy with it.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, overload

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_page

PAGE_SECONDS = 300
# Pages of one person kept at once: a few pages, each for a device or two and a purpose.
MOST_PAGES = 12
View = Callable[..., HttpResponse]
Until = Callable[[User, datetime], datetime | None]


def _keys(user: User) -> tuple[str, str]:
    # With the date joined, an id used again after a database was emptied finds nothing kept.
    person = f"{user.pk}:{user.date_joined.timestamp():.0f}"
    return f"pages:{person}", f"pages-version:{person}"


def changed(user: User) -> None:
    """Call after changing the person's data, inside its transaction or after it."""

    # A new version is enough: pages kept under the old one are never served again, and go
    # when the next page is kept or their time is up.
    def move_version() -> None:
        cache.set(_keys(user)[1], secrets.token_hex(8), timeout=None)

    # Inside a transaction: at once, for code in a transaction that encloses the service's (the
    # test runner holds one), and again after the commit, as a page made from the old rows in
    # between may have been kept under the first move. Outside one, the change is committed
    # and on_commit moves it once, at once. Robust: failing the request after the commit would
    # tell the person their change was not saved.
    if transaction.get_connection().in_atomic_block:
        move_version()
    transaction.on_commit(move_version, robust=True)


def forget(user: User) -> None:
    """Every kept page of a person and their version, for an account being deleted."""
    cache.delete_many(_keys(user))


def _version(found: dict[str, Any], key: str) -> str:
    version = found.get(key)
    if version is None:
        # A lost version must not revive pages kept under an older one.
        cache.add(key, secrets.token_hex(8), timeout=None)
        version = cache.get(key)
    return str(version)


def _page_key(request: HttpRequest, csrf: str) -> str:
    # A kept page carries the CSRF token of the browser it was made for, and the emergency
    # number of its language when the profile names no country.
    language = request.headers.get("Accept-Language", "")
    parts = (request.get_full_path(), timezone.localdate().isoformat(), csrf, language)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _may_keep(request: HttpRequest) -> str | None:
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if request.method != "GET" or not request.user.is_authenticated or not csrf:
        return None
    # A flash message is shown once, in the page that takes it.
    return None if len(messages.get_messages(request)) else csrf


@overload
def per_person(view: View, *, until: Until | None = None) -> View: ...
@overload
def per_person(view: None = None, *, until: Until | None = None) -> Callable[[View], View]: ...
def per_person(
    view: View | None = None, *, until: Until | None = None
) -> View | Callable[[View], View]:
    """For pages that show only the person's own data and depend on the date; `until` gives
    the moment a page stops being true without any change to the data (a check running out)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            csrf = _may_keep(request)
            if csrf is None:
                return view(request, *args, **kwargs)
            user = request.user
            assert isinstance(user, User)
            pages_key, version_key = _keys(user)
            found = cache.get_many([pages_key, version_key])
            version = _version(found, version_key)
            kept = found.get(pages_key)
            pages = kept["pages"] if kept and kept["version"] == version else {}
            key, now = _page_key(request, csrf), time.time()
            hit = pages.get(key)
            if hit is not None and hit[0] > now:
                return HttpResponse(hit[1], headers=hit[2])
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            expires = now + PAGE_SECONDS
            if until is not None and (moment := until(user, timezone.now())) is not None:
                expires = min(expires, moment.timestamp())
            fresh = sorted(
                ((k, page) for k, page in pages.items() if page[0] > now and k != key),
                key=lambda item: item[1][0],
            )[-(MOST_PAGES - 1) :]
            fresh.append((key, (expires, response.content, dict(response.items()))))
            cache.set(pages_key, {"version": version, "pages": dict(fresh)}, PAGE_SECONDS)
            return response

        return wrapped

    return decorate(view) if view is not None else decorate


PUBLIC_SECONDS = 300


def _public_version_key(topic: str) -> str:
    return f"public-version:{topic}"


def public_changed(topic: str) -> None:
    """Call inside the transaction that changes what every visitor sees of `topic`."""

    def move_version() -> None:
        cache.set(_public_version_key(topic), secrets.token_hex(8), timeout=None)

    move_version()  # at once and after the commit, as changed() does
    transaction.on_commit(move_version, robust=True)


@functools.lru_cache(maxsize=16)
def _kept_for(view: View, prefix: str) -> View:
    return cache_page(PUBLIC_SECONDS, cache="pages", key_prefix=prefix)(view)


@overload
def for_visitors(view: View, *, topic: str | None = None) -> View: ...
@overload
def for_visitors(view: None = None, *, topic: str | None = None) -> Callable[[View], View]: ...
def for_visitors(
    view: View | None = None, *, topic: str | None = None
) -> View | Callable[[View], View]:
    """Public pages are the same for every visitor: Django's per-view cache keeps them, keyed by
    their Vary headers, in each process's memory. A signed-in person's copy is never kept. A
    page that shows something visitors can change (comments, once approved) names its `topic`,
    whose version in the shared cache is part of the key, so a change shows at once."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            prefix = ""
            if topic is not None:
                key = _public_version_key(topic)
                prefix = f"{topic}-{_version({key: cache.get(key)}, key)}"
            return _kept_for(view, prefix)(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate
