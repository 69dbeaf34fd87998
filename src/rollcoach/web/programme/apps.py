from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "rollcoach.web.programme"
    label = "programme"
