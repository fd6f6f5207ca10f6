from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users and the editorial roles. Listed last in ``INSTALLED_APPS``: its ``post_migrate``
    comes after every other app's permissions exist."""

    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from accounts import access, roles, session_timeouts

        post_migrate.connect(roles.restore_roles, sender=self, dispatch_uid="accounts.roles")
        user_logged_in.connect(access.logged_in, dispatch_uid="accounts.access.in")
        user_logged_in.connect(session_timeouts.started, dispatch_uid="accounts.session.start")
        user_logged_out.connect(access.logged_out, dispatch_uid="accounts.access.out")
        user_login_failed.connect(access.login_failed, dispatch_uid="accounts.access.failed")
