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
    if image is None or not image.file:
        return mark_safe("")
    loading = (
        mark_safe(' fetchpriority="high"')
        if hero
        else mark_safe(' loading="lazy" decoding="async"')
    )
    if not image.renditions:  # not made yet (a background job): the original, at its size
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"{}>',
            image.url(),
            image.width,
            image.height,
            image.alt_in(lang),
            loading,
        )
    fallback = image.fallback_format()
    default = image.rendition(640 if not hero else 1024, fallback)
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


@register.simple_tag
def portrait(person, size: int, alt: str = "", lazy: bool = True) -> SafeString:
    """``person``'s portrait as a square of ``size`` CSS pixels: the library's square crops in
    ``srcset`` (so a 40 px box loads an 80 px file, not the original); empty without one."""
    image = person.portrait if person.portrait_id else None
    loading = mark_safe(' loading="lazy" decoding="async"') if lazy else mark_safe("")
    if image is not None and image.has_squares():
        fallback = image.fallback_format()
        default = image.rendition(size * 2, fallback, crop="square")
        return format_html(
            '<picture class="portrait-picture"><source type="image/webp" srcset="{}" sizes="{}px">'
            '<img class="portrait" src="{}" srcset="{}" sizes="{}px" width="{}" height="{}" '
            'alt="{}"{}></picture>',
            image.srcset("WEBP", crop="square"),
            size,
            default_storage.url(default["name"]),
            image.srcset(fallback, crop="square"),
            size,
            size,
            size,
            alt,
            loading,
        )
    if image is not None and image.file:  # crops not made yet: the original in the box
        return format_html(
            '<img class="portrait" src="{}" alt="{}" width="{}" height="{}"{}>',
            image.url(),
            alt,
            size,
            size,
            loading,
        )
    return mark_safe("")
