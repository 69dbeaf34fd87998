from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rollcoach.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib import admin

        from rollcoach.web.accounts.forms import AdminLoginForm

        # The admin's login goes through the site's limiter (urls.py also answers it with 429).
        admin.site.login_form = AdminLoginForm
