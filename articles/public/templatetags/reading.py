"""Notes for readers of a translation: the original changed after this language was approved."""

from django import template

register = template.Library()


@register.simple_tag
def source_changed(article, lang):
    """When the original changed under the ``lang`` translation, or ``None`` (never a query:
    the page's queryset annotates it, see ``ArticleQuerySet.with_live_languages``)."""
    return getattr(article, f"source_changed_{lang}", None)
