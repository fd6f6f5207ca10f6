from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationToolsConfig(AppConfig):
    name = "translation_tools"
    verbose_name = _("Translation tools")

    def ready(self):
        from articles.signals import translation_transitioned
        from articles.translations import xliff as field_xliff
        from translation_tools import receivers, xliff, xliff2

        translation_transitioned.connect(
            receivers.on_translation_transitioned, dispatch_uid="translation_tools.memory"
        )
        # The export form preselects the last layout: XLIFF 1.2 by segment.
        field_xliff.register_format(
            field_xliff.Format(
                name="segments-2.1",
                label=_("XLIFF 2.1, one unit per segment (for tools that read XLIFF 2)"),
                export=xliff2.export,
                import_=xliff2.import_,
                recognises=xliff2.is_xliff2,
            )
        )
        field_xliff.register_format(
            field_xliff.Format(
                name="segments",
                label=_(
                    "One unit per segment, with links, emphasis and footnote markers as "
                    "protected tags (best for translation tools)"
                ),
                export=xliff.export,
                import_=xliff.import_,
                recognises=xliff.is_segmented,
            )
        )
