from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Media library")

    def ready(self):
        # Modules that need the models; connected here, as Django's own apps do.
        from library import receivers
        from library.models import Document, Image

        # Pages showing an image or listing a document are rendered again when it changes.
        post_save.connect(receivers.on_image_saved, sender=Image, dispatch_uid="library.image")
        pre_delete.connect(
            receivers.on_image_deleting, sender=Image, dispatch_uid="library.image_deleting"
        )
        post_delete.connect(
            receivers.on_image_deleted, sender=Image, dispatch_uid="library.image_deleted"
        )
        post_save.connect(
            receivers.on_document_saved, sender=Document, dispatch_uid="library.document_saved"
        )
        post_delete.connect(
            receivers.on_document_deleted, sender=Document, dispatch_uid="library.document_gone"
        )
