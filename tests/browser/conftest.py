import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext

from rollcoach.content.screens import load_pre_session
from rollcoach.web.coach.services.screening import take_pre_session_check

pytestmark = pytest.mark.browser


@pytest.fixture
def login_as(live_server: Any) -> Callable[[Any, User], None]:
    """Signs a browser context in as a user by handing it a real session cookie."""

    def login(context: Any, user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return login


@pytest.fixture
def checked(ready_owner: User, transactional_db: None) -> Iterator[User]:
    """The owner, ready for a session. Ask for it first, so that its teardown runs after the
    browser has closed: the database is emptied only once the server is quiet again."""
    take_pre_session_check(
        user=ready_owner, answers={q.id: False for q in load_pre_session()}, now=timezone.now()
    )
    yield ready_owner
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture
def new_context(browser: Browser, checked: User) -> Iterator[Callable[..., BrowserContext]]:
    opened: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        opened.append(browser.new_context(**options))
        return opened[-1]

    yield make
    for context in opened:
        context.close()
