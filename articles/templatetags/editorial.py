"""The admin start page's lists: the editorial dashboard and what waits for a translator."""

from django import template

from articles.editorial import revisions
from articles.editorial.dashboard import editorial_lists
from articles.permissions import translation_policy
from articles.translations.admin import dashboard_item
from articles.translations.dashboard import translator_work, waiting_for

register = template.Library()


@register.simple_tag
def editorial_dashboard(user):
    """The lists an editor or contributor starts the day with, limited to what they may see."""
    return editorial_lists(user)


@register.simple_tag
def translation_waiting(user):
    """What waits for ``user`` as a translator; ``None`` for someone with no languages."""
    if not translation_policy.assigned_languages(user):
        return None
    return [dashboard_item(t, "translate") for t in waiting_for(user)]


@register.simple_tag
def translator_dashboard(user):
    """A translator's start page: only their own work, by what to do next; ``None`` for
    anyone with an editorial role (they get the editorial lists)."""
    if not translation_policy.works_only_as_translator(user):
        return None
    return {
        name: [
            {**dashboard_item(row, "translate"), "comment": getattr(row, "return_comment", "")}
            for row in rows
        ]
        for name, rows in translator_work(user).items()
    }


@register.filter
def works_only_as_translator(user) -> bool:
    return translation_policy.works_only_as_translator(user)


@register.simple_tag
def word_diff(old, new):
    """Two texts as one, with what was removed in <del> and what was added in <ins>."""
    return revisions.word_diff(old, new)
