"""Deleting an account leaves nothing of the person behind: their rows, their sessions (in the
database and cached), the admin's log entries about them or anything of theirs, and the rate-limit
counters that name them."""

from __future__ import annotations

from collections import Counter
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends import cache as cache_sessions
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import models, router, transaction
from django.db.models import Q, TextField
from django.db.models.deletion import Collector
from django.db.models.functions import Cast

from rollcoach.web import pagecache
from rollcoach.web.accounts import limits
from rollcoach.web.community.models import COMMENTS

SESSION_SCAN_CHUNK = 2000


def delete_account(user: User) -> dict[str, int]:
    """Deletes the user and everything of theirs; returns how many rows of each kind went.

    Every model a person owns (profile, screens, plans, sessions and their events, ratings,
    checks, comments) cascades from the user; the deletion tests hold each one to that. The
    database's part is one transaction. Cached session copies and rate-limit counters go in it
    too when the cache is the database table; in Redis they go at once, and a deletion that
    failed after that has only signed the person out and reset their counters."""
    using = router.db_for_write(User)
    with transaction.atomic(using=using):
        collector = Collector(using=using, origin=user)
        collector.collect([user])
        removed: Counter[str] = Counter()
        removed["admin.LogEntry"] += _delete_log_entries(collector)
        removed["sessions.Session"] += _delete_sessions(user)
        limits.forget_person(user)
        pagecache.forget(user)
        pagecache.public_changed(COMMENTS)  # their published comments go with them
        _, counts = collector.delete()  # last: it clears the deleted instances' ids
        removed.update(counts)
    return {label: count for label, count in removed.items() if count}


def _delete_log_entries(collector: Collector) -> int:
    """The admin's log entries about the person or about anything deleted with them (the
    entries they made as staff go with them through the log's own link to its author)."""
    about = Q(pk__in=[])
    for model, instances in collector.data.items():
        if model is LogEntry or model._meta.auto_created:
            continue
        about |= _entries_about(model, [str(obj.pk) for obj in instances])
    for found in collector.fast_deletes:
        model = found.model
        if model is LogEntry or model._meta.auto_created:
            continue
        ids = found.annotate(_log_id=Cast("pk", TextField())).values("_log_id")
        about |= _entries_about(model, ids)
    deleted, _ = LogEntry.objects.filter(about).delete()
    return deleted


def _entries_about(model: type[models.Model], ids: Any) -> Q:
    return Q(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=ids,
    )


def _session_engine() -> Any:
    engine: type[SessionBase] = import_module(settings.SESSION_ENGINE).SessionStore
    return engine


def _delete_sessions(user: User) -> int:
    """Every session signed in as the person, live or expired, and the cached copies of them.

    Session data is signed and encoded, so each session is decoded to see whose it is: a scan
    of the session table, which `clearsessions` keeps to the sessions of the last two weeks."""
    engine = _session_engine()
    model = engine.get_model_class() if hasattr(engine, "get_model_class") else Session
    store = engine()  # decoding checks a signature salted with the engine's class name
    owner = user._meta.pk.value_to_string(user)  # as django.contrib.auth.login stores it
    keys = [
        key
        for key, data in model.objects.values_list("session_key", "session_data").iterator(
            chunk_size=SESSION_SCAN_CHUNK
        )
        if store.decode(data).get(SESSION_KEY) == owner
    ]
    if not keys:
        return 0
    deleted = 0
    for at in range(0, len(keys), 500):
        batch = keys[at : at + 500]
        deleted += model.objects.filter(session_key__in=batch).delete()[0]
        caches[settings.SESSION_CACHE_ALIAS].delete_many(
            [prefix + key for key in batch for prefix in _SESSION_CACHE_PREFIXES]
        )
    return deleted


_SESSION_CACHE_PREFIXES = (cached_db.KEY_PREFIX, cache_sessions.KEY_PREFIX)
