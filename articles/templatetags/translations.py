"""Translation notes: what waits for a translator (admin), a stale translation (public page)."""

from django import template

from articles import translation_workflow

register = template.Library()


@register.simple_tag
def translation_waiting(user):
    """What waits for ``user`` as a translator; ``None`` for someone with no languages."""
    from articles.translation_admin import dashboard_item

    if not translation_workflow.assigned_languages(user):
        return None
    return [dashboard_item(t, "translate") for t in translation_workflow.waiting_for(user)]


@register.simple_tag
def source_changed(article, lang):
    """When the original changed under the ``lang`` translation, or ``None`` (never a query:
    the page's queryset annotates it, see ``ArticleQuerySet.with_live_languages``)."""
    return getattr(article, f"source_changed_{lang}", None)
