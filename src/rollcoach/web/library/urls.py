from django.urls import path

from rollcoach.web.library import views

urlpatterns = [
    path("", views.home, name="home"),
    path("exercises/", views.exercise_list, name="exercise-list"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise-detail"),
    path("exercises/<slug:slug>/picture.svg", views.exercise_picture, name="exercise-picture"),
]
