from modeltranslation.translator import TranslationOptions, register

from citations.models import Citation


@register(Citation)
class CitationTranslationOptions(TranslationOptions):
    fields = ("note",)
