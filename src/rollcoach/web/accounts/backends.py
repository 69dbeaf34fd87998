"""Signing in as usual; a signed-in request then finds its person in the shared cache.

Every signed-in request needs the person, and most also need their data version (see
web/pagecache.py): one cache read brings both, where the database would be a query a request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.cache import cache

from rollcoach.web.accounts.sessions import signing_in, user_key
from rollcoach.web.pagecache import version_key

# A backstop only: every save or deletion of a User drops the cached copy (accounts/apps.py).
USER_SECONDS = 600


def forget_user(sender: type[User], instance: User, **kwargs: Any) -> None:
    cache.delete(user_key(instance.pk))


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        pk = int(user_id)  # Django has already checked it against the primary key's type
        session = signing_in.get()
        found = session.person if session is not None else None
        if found is None or found["pk"] != pk:
            found = cache.get_many([user_key(pk), version_key(pk)])
        user = found.get(user_key(pk))
        if not isinstance(user, User):
            user = User._default_manager.filter(pk=pk).first()
            if user is None:
                return None
            cache.set(user_key(pk), user, USER_SECONDS)
        user.person_version = found.get(version_key(pk))  # type: ignore[attr-defined]
        return user if self.user_can_authenticate(user) else None
