"""``{% picture image lang sizes %}``: a library image as ``<picture>``, WebP first, with a
JPEG/PNG fallback, ``srcset``/``sizes``, its size, and its alternative text in ``lang``."""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from library.models import Image

register = template.Library()


@register.simple_tag
def picture(image: Image | None, lang: str, sizes: str, hero: bool = False) -> SafeString:
    """The hero (``hero=True``: the page's largest content, fetched first) or a lazy image."""
    if image is None or not image.renditions:
        return mark_safe("")
    fallback = image.fallback_format()
    default = image.rendition(640 if not hero else 1024, fallback)
    loading = (
        mark_safe(' fetchpriority="high"')
        if hero
        else mark_safe(' loading="lazy" decoding="async"')
    )
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}></picture>',
        image.srcset("WEBP"),
        sizes,
        default_storage.url(default["name"]),
        image.srcset(fallback),
        sizes,
        image.width,
        image.height,
        image.alt_in(lang),
        loading,
    )
