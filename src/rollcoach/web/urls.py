import os

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from rollcoach.web.health import healthz

urlpatterns = [
    path("", include("rollcoach.web.library.urls")),
    path("", include("rollcoach.web.coach.urls")),
    path("", include("rollcoach.web.community.urls")),
    path("accounts/", include("rollcoach.web.accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


@require_POST
def signed_in_post(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Log in first."}, status=401)
    return JsonResponse({"ok": True})


# The load benchmark's references: the cheapest response this stack can give, and the cheapest
# upload (signed in, past the CSRF check, storing nothing), which no real upload can beat.
if os.environ.get("ROLLCOACH_BENCH") == "1":
    urlpatterns += [path("bench/hello", hello), path("bench/signed-in-post", signed_in_post)]
