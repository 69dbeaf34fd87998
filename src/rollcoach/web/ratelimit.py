"""A small fixed-window rate limiter on Django's cache, shared by login, signup and comments.

A counter is named `ratelimit:<scope>:<key>:<window>`. Where a key names a person (their id, or a
digest of their username or email), that name is the key's first part, so `forget` can drop
every counter of a deleted account, in every scope and window."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router
from django.http import HttpRequest

PREFIX = "ratelimit:"
logger = logging.getLogger(__name__)


def client_key(request: HttpRequest) -> str:
    # Behind a proxy, set the proxy to overwrite REMOTE_ADDR; X-Forwarded-For is not trusted here.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Counts one attempt; returns False once `limit` attempts were made in the current window."""
    window = int(time.time() // window_seconds)
    name = f"{PREFIX}{scope}:{key}:{window}"
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
    cache.delete(f"{PREFIX}{scope}:{key}:{window}")


def count(scope: str, key: str, window_seconds: int) -> int:
    """Attempts counted so far in the current window, without counting one more."""
    window = int(time.time() // window_seconds)
    return int(cache.get(f"{PREFIX}{scope}:{key}:{window}", 0))


def forget(names: Iterable[str]) -> int:
    """Deletes every counter, in any scope and window, whose key starts with one of `names`
    (a whole part: `42` matches `comment:42:...`, not `comment:421:...`). Returns how many went.

    Works with the caches rollcoach configures (Redis, the database table) and the in-memory
    one of the tests; with a database cache it runs in the caller's transaction."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return 0
    backend = caches["default"]
    start = backend.make_key(PREFIX)
    # After the prefix: a scope (no colon), then one of the names as a whole part.
    pattern = re.compile(
        re.escape(start) + r"[^:]+:(?:" + "|".join(re.escape(n) for n in wanted) + r"):"
    )
    if isinstance(backend, RedisCache):
        return _forget_in_redis(backend, start, pattern)
    if isinstance(backend, DatabaseCache):
        return _forget_in_table(backend, start, pattern)
    if isinstance(backend, LocMemCache):
        return _forget_in_memory(backend, pattern)
    logger.warning("rate-limit counters cannot be listed in %s", type(backend).__name__)
    return 0


def _forget_in_redis(backend: RedisCache, start: str, pattern: re.Pattern[str]) -> int:
    shared: Any = backend
    client = shared._cache.get_client(write=True)
    glob = re.sub(r"([\\*?\[\]])", r"\\\1", start) + "*"
    found = [
        raw
        for raw in client.scan_iter(match=glob, count=1000)
        if pattern.match(raw.decode() if isinstance(raw, bytes) else str(raw))
    ]
    for at in range(0, len(found), 500):
        client.delete(*found[at : at + 500])
    return len(found)


def _forget_in_table(backend: DatabaseCache, start: str, pattern: re.Pattern[str]) -> int:
    connection = connections[router.db_for_write(backend.cache_model_class)]
    shared: Any = backend
    table = connection.ops.quote_name(str(shared._table))
    like = re.sub(r"([\\%_])", r"\\\1", start) + "%"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table} WHERE cache_key LIKE %s ESCAPE '\\'", [like])
        found = [str(row[0]) for row in cursor.fetchall() if pattern.match(str(row[0]))]
        for at in range(0, len(found), 500):
            batch = found[at : at + 500]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {table} WHERE cache_key IN ({marks})", batch)
    return len(found)


def _forget_in_memory(backend: LocMemCache, pattern: re.Pattern[str]) -> int:
    store: Any = backend
    with store._lock:
        found = [key for key in list(store._cache) if pattern.match(key)]
        for key in found:
            store._delete(key)
    return len(found)
