from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Modules that need the models; connected here, as Django's own apps do.
        from articles import receivers
        from articles.editorial import revisions
        from articles.search import folding, schema
        from articles.signals import (
            live_versions_changed,
            public_text_changed,
            translation_transitioned,
        )
        from articles.translations import notifications
        from thinktank import backup

        revisions.register()
        folding.install()
        post_migrate.connect(schema.after_migrate, sender=self, dispatch_uid="articles.search")
        backup.leave_out("articles.SearchEntry")  # derived: rebuilt after a restore
        for model in ("TopicListing", "RegionListing", "TopicCount", "RegionCount"):
            backup.leave_out(f"articles.{model}")  # derived: rebuilt after a restore
        backup.restored.connect(schema.after_restore, dispatch_uid="articles.search")
        backup.restored.connect(receivers.on_restored, dispatch_uid="articles.render_all")
        translation_transitioned.connect(
            notifications.notify_translators, dispatch_uid="articles.notify_translators"
        )
        # What readers are served is rendered when it is published, and again when something
        # it shows changes (articles.receivers).
        live_versions_changed.connect(
            receivers.on_live_versions_changed, dispatch_uid="articles.render_versions"
        )
        translation_transitioned.connect(
            receivers.on_translation_transitioned, dispatch_uid="articles.render_translated"
        )
        public_text_changed.connect(
            receivers.on_public_text_changed, dispatch_uid="articles.render_public_text"
        )
        # A deleted live version's terms are counted again (articles.listings).
        pre_delete.connect(
            receivers.on_version_deleting,
            sender="articles.LiveVersion",
            dispatch_uid="articles.listed",
        )
        post_delete.connect(
            receivers.on_version_deleted,
            sender="articles.LiveVersion",
            dispatch_uid="articles.listed",
        )
        for model in receivers.SAVED_MODELS:
            uid = f"articles.render_{model.__name__}"
            post_save.connect(receivers.on_saved, sender=model, dispatch_uid=uid)
            pre_delete.connect(receivers.on_deleting, sender=model, dispatch_uid=uid)
            post_delete.connect(receivers.on_deleted, sender=model, dispatch_uid=uid)
