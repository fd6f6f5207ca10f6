from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationToolsConfig(AppConfig):
    name = "translation_tools"
    verbose_name = _("Translation tools")

    def ready(self):
        from articles.signals import translation_transitioned
        from translation_tools import receivers

        translation_transitioned.connect(
            receivers.on_translation_transitioned, dispatch_uid="translation_tools.memory"
        )
