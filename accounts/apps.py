from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users and the editorial roles. Listed last in ``INSTALLED_APPS``: its ``post_migrate``
    comes after every other app's permissions exist."""

    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from accounts import roles

        post_migrate.connect(roles.restore_roles, sender=self, dispatch_uid="accounts.roles")
