import os

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_POST

from rollcoach.web.accounts import views as accounts_views
from rollcoach.web.health import healthz

urlpatterns = [
    path("", include("rollcoach.web.library.urls")),
    path("", include("rollcoach.web.coach.urls")),
    path("", include("rollcoach.web.community.urls")),
    path("accounts/", include("rollcoach.web.accounts.urls")),
    # The admin's ways in are limited as the site's are; these come before the admin's own.
    path("admin/login/", accounts_views.admin_login),
    path("admin/password_change/", accounts_views.admin_password_change),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token, said to the person who sent it."""
    context = {"reason": reason if settings.DEBUG else ""}
    return render(request, "403_csrf.html", context, status=403)


# Django's own handlers render the 400, 403, 404 and 500 templates in templates/ when DEBUG is
# off; the 500 page is rendered without the request, so it needs neither the session nor the
# database that may have failed.


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
