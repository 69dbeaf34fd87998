"""How often a person may try to log in, sign up or ask for a password link: passwords cannot be
guessed in bulk, and nobody's inbox can be flooded with links."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest

from rollcoach.web import ratelimit

LOGIN_WINDOW = 15 * 60
FAILURES_PER_USERNAME = 5  # from one address
FAILURES_PER_ADDRESS = 20  # over all usernames
SIGNUP_WINDOW = 60 * 60
SIGNUPS_PER_ADDRESS = 10
RESET_WINDOW = 60 * 60
RESETS_PER_ADDRESS = 10  # one network asking for many accounts' links
RESETS_PER_EMAIL = 3  # one inbox flooded with links

TOO_MANY = "Too many attempts. Please wait a few minutes, then try again."


def _username_key(request: HttpRequest, username: str) -> str:
    # Hashed so that any text typed as a username makes a safe cache key.
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return f"{digest}:{ratelimit.client_key(request)}"


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


def signup_allowed(request: HttpRequest) -> bool:
    """Counts one sign-up attempt from this address."""
    address = ratelimit.client_key(request)
    return ratelimit.hit("signup", address, SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW)


def reset_allowed(request: HttpRequest, email: str) -> bool:
    """Counts one request for a password link, whether or not the address has an account."""
    address = ratelimit.client_key(request)
    by_address = ratelimit.hit("reset-address", address, RESETS_PER_ADDRESS, RESET_WINDOW)
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    by_email = ratelimit.hit("reset-email", digest, RESETS_PER_EMAIL, RESET_WINDOW)
    return by_address and by_email
