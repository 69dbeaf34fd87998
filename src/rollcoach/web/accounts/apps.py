from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rollcoach.web.accounts"
    label = "accounts"
