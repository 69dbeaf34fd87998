"""Sessions as Django keeps them (shared cache, then database), read with their person at once.

Each server process remembers whose each session is. When it knows, one cache read brings the
session, the person and their data version together instead of a read for the session and then
one for the person: signed-in pages are served from the page cache, so those reads are most of
their cost. The remembered owner is only a hint: the session read with it must still name that
person, and sign-in checks the session against the person as usual (accounts/backends.py)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rollcoach.web.pagecache import version_key

OWNERS_KEPT = 50_000
# Sessions made before sign-in read people from the cache name Django's own backend; the cached
# one is that backend with a cache in front, so those sessions stay signed in.
EARLIER_BACKEND = "django.contrib.auth.backends.ModelBackend"
BACKEND = "rollcoach.web.accounts.backends.CachedModelBackend"
_owners: dict[str, int] = {}
# The session being signed in with, for the length of one sign-in check only.
signing_in: ContextVar[SessionStore | None] = ContextVar("signing_in", default=None)


def user_key(user_id: int) -> str:
    return f"user:{user_id}"


class SessionStore(CachedDbStore):
    person: dict[str, Any] | None = None  # user_key and version_key entries read with the session

    def load(self) -> dict[str, Any]:
        owner = _owners.get(self.session_key or "")
        if owner is not None:
            shared = caches[settings.SESSION_CACHE_ALIAS]
            found = shared.get_many([self.cache_key, user_key(owner), version_key(owner)])
            session = found.pop(self.cache_key, None)
            if isinstance(session, dict) and str(session.get(auth.SESSION_KEY)) == str(owner):
                self.person = {"pk": owner, **found}
                return _current(session)
        data: dict[str, Any] = super().load()
        self._remember(data)
        return _current(data)

    def _remember(self, data: dict[str, Any]) -> None:
        owner = data.get(auth.SESSION_KEY)
        if self.session_key and owner is not None and str(owner).isdigit():
            if len(_owners) >= OWNERS_KEPT:
                _owners.clear()
            _owners[self.session_key] = int(owner)


def _current(session: dict[str, Any]) -> dict[str, Any]:
    if session.get(auth.BACKEND_SESSION_KEY) == EARLIER_BACKEND:
        session[auth.BACKEND_SESSION_KEY] = BACKEND
    return session


def _signed_in(request: HttpRequest) -> Any:
    if not hasattr(request, "_cached_user"):
        token = signing_in.set(
            request.session if isinstance(request.session, SessionStore) else None
        )
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            signing_in.reset(token)
    return request._cached_user  # type: ignore[attr-defined]


class PersonAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _signed_in(request))  # type: ignore[assignment]
