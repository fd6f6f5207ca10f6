from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, ArticleType, Correction, Highlight, Region, Topic


@register(ArticleType)
@register(Topic)
@register(Region)
class TaxonomyTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body")


@register(Highlight)
class HighlightTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    fields = ("note",)
