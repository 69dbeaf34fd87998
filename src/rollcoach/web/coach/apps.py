from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "rollcoach.web.coach"
    label = "coach"
