from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rollcoach.web.community"
    label = "community"
