"""After an account is deleted, no row of any table and no key of the shared cache names the
person or points at anything of theirs: their rows, their sessions (in the database and cached),
the admin's log entries about them, and the rate-limit counters keyed by their id, username or
email. Run with the cache in the database table and, when it is reachable, in Redis."""

from __future__ import annotations

import base64
import json
import os
import pickle
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, models
from django.test import Client, override_settings
from django.utils import timezone

from rollcoach.web.accounts import limits
from rollcoach.web.coach.models import Clearance, Profile, SessionLog
from rollcoach.web.community.models import Comment

pytestmark = pytest.mark.django_db

REDIS = os.environ.get("ROLLCOACH_TEST_REDIS", "redis://127.0.0.1:6379/15")
TABLE = "rollcoach_cache"
SESSION_PREFIXES = ("django.contrib.sessions.cached_db", "django.contrib.sessions.cache")
PASSWORD = "a-long-and-private-passphrase-9"


@dataclass
class Shared:
    kind: str  # "database" or "redis"
    engine: str
    prefix: str
    redis: Any = None

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every key of the cache (without Django's prefix and version) and its value."""
        made = cache.make_key("")
        if self.kind == "database":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT cache_key, value FROM {TABLE}")
                rows = cursor.fetchall()
            for key, value in rows:
                assert key.startswith(made), key
                yield key[len(made) :], pickle.loads(base64.b64decode(value.encode()))
        else:
            for raw in self.redis.scan_iter(match=f"{made}*", count=1000):
                key, value = raw.decode(), self.redis.get(raw)
                if value is None:
                    continue
                yield key[len(made) :], int(value) if value.isdigit() else pickle.loads(value)


def _redis_client() -> Any:
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS} and CI=true requires it: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS}: this test did NOT run")
    return client


@pytest.fixture(
    params=[
        ("database", "django.contrib.sessions.backends.db"),
        ("database", "django.contrib.sessions.backends.cached_db"),
        ("redis", "django.contrib.sessions.backends.cached_db"),
    ],
    ids=["database-cache", "database-cache-cached-sessions", "redis"],
)
def shared(request: pytest.FixtureRequest) -> Iterator[Shared]:
    kind, engine = request.param
    # A prefix of its own: other tests may use the same Redis database at the same time.
    prefix = f"deletion-{uuid.uuid4().hex[:12]}"
    if kind == "database":
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE}
        client = None
    else:
        client = _redis_client()
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    with override_settings(
        CACHES={"default": {**backend, "KEY_PREFIX": prefix}}, SESSION_ENGINE=engine
    ):
        if kind == "database":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE}")
        try:
            yield Shared(kind, engine, prefix, client)
        finally:
            if client is not None:
                keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
                if keys:
                    client.delete(*keys)


@dataclass
class Person:
    """What names someone, taken while they exist."""

    pk: int
    username: str
    email: str
    session_keys: set[str] = field(default_factory=set)
    theirs: set[tuple[str, str]] = field(default_factory=set)  # (model label, pk)

    @property
    def names(self) -> set[str]:
        return {
            str(self.pk),
            limits.username_digest(self.username),
            limits.email_digest(self.email),
        }

    @property
    def words(self) -> tuple[str, str]:
        return self.username.lower(), self.email.lower()


def _label(model: type[models.Model]) -> str:
    return str(model._meta.concrete_model._meta.label_lower)  # type: ignore[union-attr]


def _everything_of(pk: int) -> set[tuple[str, str]]:
    """The person and every row that points at them or at a row of theirs, through any chain
    of foreign keys: found from the tables themselves, not from what the deletion code does."""
    theirs = {("auth.user", str(pk))}
    while True:
        found = set(theirs)
        for model in apps.get_models(include_auto_created=True):
            for relation in model._meta.concrete_fields:
                if not relation.is_relation or relation.related_model is None:
                    continue
                target = _label(relation.related_model)  # type: ignore[arg-type]
                ids = [p for label, p in theirs if label == target]
                if not ids:
                    continue
                rows = model._default_manager.filter(**{f"{relation.attname}__in": ids})
                found |= {(_label(model), str(p)) for p in rows.values_list("pk", flat=True)}
        if found == theirs:
            return theirs
        theirs = found


def _decoded(engine: str, data: str) -> dict[str, Any]:
    from importlib import import_module

    store: SessionBase = import_module(engine).SessionStore()
    return store.decode(data)


def traces(person: Person, shared: Shared) -> set[str]:
    """Every kind of trace of the person left in the database or the shared cache."""
    found: set[str] = set()
    username, email = person.words
    for model in apps.get_models(include_auto_created=True):
        label = _label(model)
        for row in model._default_manager.all().values():
            if (label, str(row[model._meta.pk.attname])) in person.theirs:
                found.add(f"row of theirs: {label}")
            for column in model._meta.concrete_fields:
                value = row[column.attname]
                if column.is_relation and column.related_model is not None:
                    target = _label(column.related_model)  # type: ignore[arg-type]
                    if (target, str(value)) in person.theirs:
                        found.add(f"points at them: {label}.{column.name}")
                elif value is not None:
                    text = value if isinstance(value, str) else json.dumps(value, default=str)
                    if username in text.lower() or email in text.lower():
                        found.add(f"names them: {label}.{column.name}")
            if model is LogEntry:
                about = apps.get_model("contenttypes", "ContentType").objects.get(
                    pk=row["content_type_id"]
                )
                if (f"{about.app_label}.{about.model}", row["object_id"]) in person.theirs:
                    found.add(f"admin log about them: {about.app_label}.{about.model}")
            if model is Session:
                data = _decoded(shared.engine, row["session_data"])
                if data.get(SESSION_KEY) == str(person.pk):
                    found.add("session row signed in as them")
                if row["session_key"] in person.session_keys:
                    found.add("session row of theirs")
    for key, value in shared.items():
        if key.startswith("ratelimit:"):
            parts = key.split(":")
            if set(parts[2:-1]) & person.names:
                found.add(f"rate-limit counter naming them: {parts[1]}")
        for prefix in SESSION_PREFIXES:
            if key.startswith(prefix) and key[len(prefix) :] in person.session_keys:
                found.add("cached copy of a session of theirs")
        if isinstance(value, dict) and value.get(SESSION_KEY) == str(person.pk):
            found.add("cached session signed in as them")
        if username in repr(value).lower() or email in repr(value).lower():
            found.add(f"cache value naming them: {key}")
    return found


def _sign_in(username: str, address: str = "127.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def _leave_traces(user: User, fill_history: Callable[[User, int], None]) -> tuple[Person, Client]:
    """Uses the site as a person does, and the admin as its staff do; returns what names the
    person and their signed-in browser."""
    fill_history(user, 5)
    Clearance.objects.create(
        user=user,
        given_on=timezone.localdate(),
        clinician="Dr Who",
        said=f"{user.username} may start",
        covers=["E1"],
        recorded_at=timezone.now(),
    )
    browser = _sign_in(user.username)
    phone = _sign_in(user.username, "10.9.0.2")
    old = _sign_in(user.username, "10.9.0.3")
    keys = {c.session.session_key for c in (browser, phone, old)}
    Session.objects.filter(session_key=old.session.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    # A failed login (by username), a wrong confirmation (by id), a password link (by email),
    # a comment and an upload (by id).
    Client().post("/accounts/login/", {"username": user.username.upper(), "password": "guess"})
    assert browser.post("/accounts/delete/", {"password": "guess"}).status_code == 200
    Client().post("/accounts/password_reset/", {"email": user.email})
    phone.post("/articles/foam-rolling-safe-start/comments/", {"body": "This helped my back."})
    browser.post("/api/sessions/sync/", b"{}", content_type="application/json")

    root = User.objects.filter(is_superuser=True).first()
    assert root is not None
    for queryset in (
        User.objects.filter(pk=user.pk),
        Profile.objects.filter(user=user),
        SessionLog.objects.filter(user=user),
        Comment.objects.filter(author=user),
    ):
        LogEntry.objects.log_actions(root.pk, queryset, CHANGE, single_object=True)
    person = Person(user.pk, user.username, user.email, keys, _everything_of(user.pk))
    return person, browser


EXPECTED_BEFORE = {
    "row of theirs: auth.user",
    "row of theirs: coach.sessionevent",
    "row of theirs: coach.clearance",
    "points at them: coach.profile.user",
    "names them: auth.user.username",
    "names them: auth.user.email",
    "admin log about them: auth.user",
    "admin log about them: coach.sessionlog",
    "admin log about them: coach.profile",
    "admin log about them: community.comment",
    "session row signed in as them",
    "session row of theirs",
    "rate-limit counter naming them: login-name",
    "rate-limit counter naming them: confirm-person",
    "rate-limit counter naming them: reset-email",
    "rate-limit counter naming them: comment",
    "rate-limit counter naming them: session-sync",
}


def test_deleting_an_account_leaves_nothing_that_names_the_person(
    shared: Shared, fill_history: Callable[[User, int], None]
) -> None:
    User.objects.create_superuser("boss", "boss@example.net", "a-long-admin-password-1")
    quill = User.objects.create_user("Quillon", "quillon.private@example.org", PASSWORD)
    other = User.objects.create_user("Marguerite", "marguerite.kept@example.org", PASSWORD)
    person, browser = _leave_traces(quill, fill_history)
    kept, _ = _leave_traces(other, fill_history)

    before = traces(person, shared)
    missing = EXPECTED_BEFORE - before
    assert not missing, f"the test left no trace of these kinds, so proves nothing: {missing}"
    if shared.engine.endswith("cached_db"):
        assert "cached copy of a session of theirs" in before
        assert "cached session signed in as them" in before
    kept_before = traces(kept, shared)

    response = browser.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302

    assert traces(person, shared) == set()
    # Everyone else's traces stay: deleting one account must not wipe the others.
    assert traces(kept, shared) == kept_before
    assert LogEntry.objects.filter(object_repr="Marguerite").exists()


def test_the_database_part_is_one_transaction(
    shared: Shared, fill_history: Callable[[User, int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rollcoach.web.accounts import deletion

    quill = User.objects.create_user("Quillon", "quillon.private@example.org", PASSWORD)
    User.objects.create_superuser("boss", "boss@example.net", "a-long-admin-password-1")
    person, _ = _leave_traces(quill, fill_history)
    before = traces(person, shared)

    def fail(user: User) -> int:
        raise RuntimeError("the disk is full")

    # The last step before the rows go: everything before it must be undone with it.
    monkeypatch.setattr(deletion.limits, "forget_person", fail)
    with pytest.raises(RuntimeError):
        deletion.delete_account(quill)
    after = traces(person, shared)
    database = {t for t in before if not t.startswith(("rate-limit", "cached", "cache value"))}
    assert database <= after
    assert User.objects.filter(pk=quill.pk).exists()
    assert Session.objects.filter(session_key__in=person.session_keys).count() == 3
    assert LogEntry.objects.filter(object_repr="Quillon").exists()
