from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rollcoach.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.models import User
        from django.db.models.signals import post_delete, post_save

        from rollcoach.web.accounts.backends import forget_user

        # A changed password, a deactivation or a deletion must reach the very next request.
        post_save.connect(forget_user, sender=User, dispatch_uid="accounts-forget-user-save")
        post_delete.connect(forget_user, sender=User, dispatch_uid="accounts-forget-user-delete")
