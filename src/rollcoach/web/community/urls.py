from django.urls import URLPattern, path

from rollcoach.web.community import views

urlpatterns: list[URLPattern] = []
