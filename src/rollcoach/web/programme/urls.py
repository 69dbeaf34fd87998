from django.urls import URLPattern, path

from rollcoach.web.programme import views

urlpatterns: list[URLPattern] = []
