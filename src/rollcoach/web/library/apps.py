from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "rollcoach.web.library"
    label = "library"
