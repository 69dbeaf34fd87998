from django.contrib import admin
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
