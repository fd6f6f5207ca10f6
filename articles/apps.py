from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles import notifications, revisions, roles
        from articles.signals import translation_transitioned

        revisions.register()
        post_migrate.connect(roles.restore_roles, dispatch_uid="articles.roles")
        translation_transitioned.connect(
            notifications.notify_translators, dispatch_uid="articles.notify_translators"
        )
