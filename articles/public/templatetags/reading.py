"""What readers see of people and terms, for the public templates."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.models.translation import public_value
from articles.public.rendering import render_card, with_heading

register = template.Library()


@register.filter
def public(obj, field):
    """``{{ person|public:"position" }}``: the approved text of ``field`` in the page's language
    (never a translator's unapproved edit); prefetch ``translations`` in lists."""
    return public_value(obj, field, get_language())


@register.simple_tag
def term_url(term, slug):
    """The page of a topic or a region under its public ``slug`` in the page's language."""
    return reverse(f"articles:{term._meta.model_name}", kwargs={"slug": slug})


@register.simple_tag
def card(version, heading=3):
    """A version's card as it was rendered when published, with an ``h{heading}`` title."""
    html = version.rendered_card or render_card(version)
    return mark_safe(with_heading(html, int(heading)))  # noqa: S308 - our own rendered template
