from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CitationsConfig(AppConfig):
    name = "citations"
    verbose_name = _("Citations")

    def ready(self):
        from citations import counts
        from thinktank import backup

        # Each source's citation count is kept by triggers (citations.counts).
        pre_migrate.connect(counts.before_migrate, sender=self, dispatch_uid="citations.counts")
        post_migrate.connect(counts.after_migrate, sender=self, dispatch_uid="citations.counts")
        backup.restored.connect(counts.after_restore, dispatch_uid="citations.counts")
