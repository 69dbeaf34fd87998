from django.urls import path

from rollcoach.web.library import views

urlpatterns = [
    path("", views.home, name="home"),
]
