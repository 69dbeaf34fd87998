from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# browser tests are still synchronous, so Django's guard is lifted for the test run only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    # Hashing passwords the slow, safe way costs half a second a user; tests only need it to work.
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # Production keeps the cache in the database so rate limits hold across processes; tests
        # that touch no database would otherwise fail on the cache alone.
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
        }
        os.makedirs(settings.STATIC_ROOT, exist_ok=True)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture
def axe_check() -> Callable[[Any], None]:
    """Fails on any serious or critical accessibility violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any) -> None:
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        assert not bad, f"accessibility violations on {page.url}:\n" + "\n".join(bad)

    return check


PASSWORD = "roll-slowly-and-breathe-42"


@pytest.fixture(autouse=True)
def _empty_caches(request: pytest.FixtureRequest) -> None:
    """Each test meets caches as a freshly started server does: kept pages and counters from
    another test, whose rows are gone, would otherwise answer for it."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import caches

        for alias in ("default", "pages"):
            caches[alias].clear()


@pytest.fixture
def fresh_rate_limits() -> Iterator[None]:
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def owner(db: None) -> User:
    from django.contrib.auth.models import User

    return User.objects.create_user("alice", "alice@example.com", PASSWORD)


@pytest.fixture
def outsider(db: None) -> User:
    from django.contrib.auth.models import User

    return User.objects.create_user("mallory", "mallory@example.com", PASSWORD)


@pytest.fixture
def moderator(db: None) -> User:
    from django.contrib.auth.models import User

    return User.objects.create_user("maria", "maria@example.com", PASSWORD, is_staff=True)


@pytest.fixture
def owner_client(client: Client, owner: User) -> Client:
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(outsider: User) -> Client:
    from django.test import Client

    other = Client()
    other.force_login(outsider)
    return other


@pytest.fixture
def moderator_client(moderator: User) -> Client:
    from django.test import Client

    other = Client()
    other.force_login(moderator)
    return other


@pytest.fixture
def ready_owner(owner: User) -> User:
    """The owner after a clear red-flag screen and a profile: a plan can be made for them."""
    from django.utils import timezone

    from rollcoach.content.screens import load_red_flags
    from rollcoach.web.coach.services.profiles import update_profile
    from rollcoach.web.coach.services.screening import take_red_flag_screen

    take_red_flag_screen(
        user=owner, answers={q.id: False for q in load_red_flags()}, now=timezone.now()
    )
    update_profile(
        user=owner,
        changes={"areas": ["upper-back", "lower-back"], "rollers": ["soft"], "minutes": 10},
    )
    return owner
