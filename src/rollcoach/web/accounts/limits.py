"""How often a person may try to log in (on the site or the admin), sign up, confirm their
password or ask for a password link: passwords cannot be guessed in bulk, nobody's inbox can be
flooded with links, and nobody can use up someone else's attempts."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import User
from django.http import HttpRequest

from rollcoach.web import ratelimit
from rollcoach.web.accounts import usernames

LOGIN_WINDOW = 15 * 60
FAILURES_PER_USERNAME = 5  # from one address
FAILURES_PER_ADDRESS = 20  # over all usernames
SIGNUP_WINDOW = 60 * 60
SIGNUPS_PER_ADDRESS = 10
RESET_WINDOW = 60 * 60
RESETS_PER_ADDRESS = 10  # one network asking for many accounts' links
RESETS_PER_EMAIL = 3  # one inbox flooded with links, counted per network that asks
CONFIRM_WINDOW = 15 * 60
CONFIRM_FAILURES_PER_PERSON = 5  # a signed-in session guessing its own account's password
CONFIRM_FAILURES_PER_ADDRESS = 20  # over all the accounts signed in from one network

TOO_MANY = "Too many attempts. Please wait a few minutes, then try again."


def _digest(text: str) -> str:
    # Hashed so that any text typed makes a safe cache key, and none is kept as typed.
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def username_digest(username: str) -> str:
    """Names a username in counters: look-alikes of one name count as that name."""
    return _digest(usernames.key(username.strip()))


def email_digest(email: str) -> str:
    return _digest(email.strip().lower())


def _username_key(request: HttpRequest, username: str) -> str:
    return f"{username_digest(username)}:{ratelimit.client_key(request)}"


def login_blocked(request: HttpRequest, username: str) -> bool:
    by_name = ratelimit.count("login-name", _username_key(request, username), LOGIN_WINDOW)
    by_address = ratelimit.count("login-address", ratelimit.client_key(request), LOGIN_WINDOW)
    return by_name >= FAILURES_PER_USERNAME or by_address >= FAILURES_PER_ADDRESS


def record_login_failure(request: HttpRequest, username: str) -> None:
    key = _username_key(request, username)
    ratelimit.hit("login-name", key, FAILURES_PER_USERNAME, LOGIN_WINDOW)
    ratelimit.hit(
        "login-address", ratelimit.client_key(request), FAILURES_PER_ADDRESS, LOGIN_WINDOW
    )


def confirm_blocked(request: HttpRequest, user: User) -> bool:
    """Whether a signed-in person's password may be checked again (password change, deletion)."""
    by_person = ratelimit.count("confirm-person", str(user.pk), CONFIRM_WINDOW)
    by_address = ratelimit.count("confirm-address", ratelimit.client_key(request), CONFIRM_WINDOW)
    return by_person >= CONFIRM_FAILURES_PER_PERSON or by_address >= CONFIRM_FAILURES_PER_ADDRESS


def record_confirm_failure(request: HttpRequest, user: User) -> None:
    ratelimit.hit("confirm-person", str(user.pk), CONFIRM_FAILURES_PER_PERSON, CONFIRM_WINDOW)
    ratelimit.hit(
        "confirm-address",
        ratelimit.client_key(request),
        CONFIRM_FAILURES_PER_ADDRESS,
        CONFIRM_WINDOW,
    )


def signup_allowed(request: HttpRequest) -> bool:
    """Counts one sign-up attempt from this address."""
    address = ratelimit.client_key(request)
    return ratelimit.hit("signup", address, SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW)


def reset_allowed(request: HttpRequest, email: str) -> bool:
    """Counts one request for a password link, whether or not the address has an account.

    The links sent to one inbox are counted per network that asks for them: a stranger asking
    for someone's links uses up only the stranger's own allowance, never the owner's."""
    address = ratelimit.client_key(request)
    by_address = ratelimit.hit("reset-address", address, RESETS_PER_ADDRESS, RESET_WINDOW)
    by_email = ratelimit.hit(
        "reset-email", f"{email_digest(email)}:{address}", RESETS_PER_EMAIL, RESET_WINDOW
    )
    return by_address and by_email


def forget_person(user: User) -> int:
    """Drops every counter that names this person: by id, username or email."""
    names = [str(user.pk), username_digest(user.get_username())]
    if user.email:
        names.append(email_digest(user.email))
    return ratelimit.forget(names)
