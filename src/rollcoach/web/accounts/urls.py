from django.urls import URLPattern, path

from rollcoach.web.accounts import views

urlpatterns: list[URLPattern] = []
