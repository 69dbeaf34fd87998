from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class ContentSecurityPolicyMiddleware:
    """Adds the site's Content-Security-Policy; pages load nothing from other origins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class NoStoreWhenSignedInMiddleware:
    """Tells browsers and proxies to keep no copy of any response to a signed-in person: every
    signed-in page can show health data, and a copy on disk outlives the logout.

    A response the view marked `public` (the same for everyone, such as an exercise picture)
    keeps its own caching. Only a request whose person was looked up can show their data, so
    the others (static files, pictures) are not made to look the person up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Set by AuthenticationMiddleware's lazy request.user once something has asked for it.
        user = getattr(request, "_cached_user", None)
        if user is not None and user.is_authenticated:
            directives = response.get("Cache-Control", "").lower()
            if "public" not in {part.strip() for part in directives.split(",")}:
                add_never_cache_headers(response)
        return response
