"""A small fixed-window rate limiter on Django's cache, shared by login, signup and comments."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest) -> str:
    # Behind a proxy, set the proxy to overwrite REMOTE_ADDR; X-Forwarded-For is not trusted here.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Counts one attempt; returns False once `limit` attempts were made in the current window."""
    window = int(time.time() // window_seconds)
    name = f"ratelimit:{scope}:{key}:{window}"
    try:
        count = cache.incr(name)  # one round trip for all but the window's first attempt
    except ValueError:
        if cache.add(name, 1, timeout=window_seconds + 1):
            count = 1
        else:  # someone else opened the window in between
            count = cache.incr(name)
    return count <= limit


def reset(scope: str, key: str, window_seconds: int) -> None:
    window = int(time.time() // window_seconds)
    cache.delete(f"ratelimit:{scope}:{key}:{window}")


def count(scope: str, key: str, window_seconds: int) -> int:
    """Attempts counted so far in the current window, without counting one more."""
    window = int(time.time() // window_seconds)
    return int(cache.get(f"ratelimit:{scope}:{key}:{window}", 0))
