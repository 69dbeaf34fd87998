from django.urls import URLPattern, path

from rollcoach.web.tracking import views

urlpatterns: list[URLPattern] = []
