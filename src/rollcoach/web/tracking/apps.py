from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "rollcoach.web.tracking"
    label = "tracking"
