from django.contrib import admin
from django.urls import path

from rollcoach.web.library import views as library

urlpatterns = [
    path("", library.home, name="home"),
    path("admin/", admin.site.urls),
]
