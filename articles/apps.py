from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Modules that need the models; connected here, as Django's own apps do.
        from articles.editorial import revisions
        from articles.search import schema
        from articles.signals import translation_transitioned
        from articles.translations import notifications
        from thinktank import backup

        revisions.register()
        post_migrate.connect(schema.after_migrate, sender=self, dispatch_uid="articles.search")
        backup.leave_out("articles.SearchEntry")  # derived: rebuilt after a restore
        backup.restored.connect(schema.after_restore, dispatch_uid="articles.search")
        translation_transitioned.connect(
            notifications.notify_translators, dispatch_uid="articles.notify_translators"
        )
