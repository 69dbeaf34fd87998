import os

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import override_settings

from rollcoach.web import ratelimit

REDIS = os.environ.get("ROLLCOACH_TEST_REDIS", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache() -> object:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS} and CI=true requires it: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS}: this test did NOT run")
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES={"default": backend}, SESSION_ENGINE=engine):
        cache.clear()
        yield cache
        cache.clear()


def test_it_rate_limits_through_redis(redis_cache: object) -> None:
    results = [ratelimit.hit("test", "someone", 3, 60) for _ in range(4)]
    assert results == [True, True, True, False]
    assert ratelimit.hit("test", "someone-else", 3, 60)


def test_it_counts_up_only_what_exists_in_redis(redis_cache: object) -> None:
    with pytest.raises(ValueError):
        cache.incr("never-set")
    assert cache.get("never-set") is None
    cache.set("counted", 5)
    assert cache.incr("counted") == 6
    assert cache.incr("counted", 10) == 16


def test_it_keeps_sessions_in_redis(redis_cache: object, owner: User) -> None:
    from django.test import Client

    client = Client()
    client.force_login(owner)
    key = client.session.session_key
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is not None
    page = client.get("/accounts/")
    assert page.status_code == 200
    assert page.wsgi_request.user == owner
    owner.is_active = False
    owner.save()
    assert client.get("/accounts/").status_code == 302
