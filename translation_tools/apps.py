from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationToolsConfig(AppConfig):
    name = "translation_tools"
    verbose_name = _("Translation tools")
