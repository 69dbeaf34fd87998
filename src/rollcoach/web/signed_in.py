from django.contrib.auth.models import User
from django.http import HttpRequest


class SignedInRequest(HttpRequest):
    """The request of a view behind login_required, where the user is always a stored account."""

    user: User
