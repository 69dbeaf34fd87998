import os

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from rollcoach.web.health import healthz

urlpatterns = [
    path("", include("rollcoach.web.library.urls")),
    path("", include("rollcoach.web.programme.urls")),
    path("", include("rollcoach.web.tracking.urls")),
    path("", include("rollcoach.web.community.urls")),
    path("accounts/", include("rollcoach.web.accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


# The load benchmark's ceiling: the cheapest response this stack can give.
if os.environ.get("ROLLCOACH_BENCH") == "1":
    urlpatterns.append(path("bench/hello", hello))
