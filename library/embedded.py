"""Library images placed in an article's body with the editor's image button.

The body stores ``<img data-image="ID" src="…" alt="…">`` (the sanitizer keeps ``data-image``
and only our own media addresses in ``src``). The public page replaces each with the image's
responsive ``<picture>``: its renditions in ``srcset``, its size, ``loading="lazy"`` and its
alternative text in the page's language, whatever the editor's copy held. An image deleted
from the library disappears from the page instead of pointing to a removed file.
"""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString

from library.models import Image
from library.templatetags.pictures import picture

# The body is in canonical form (thinktank/richtext.py): attributes double-quoted and sorted.
EMBEDDED = re.compile(r'<img\b[^>]*?\bdata-image="(\d+)"[^>]*>')
BODY_SIZES = "(min-width: 50rem) 42rem, 100vw"


def embedded_ids(html: str | None) -> list[int]:
    """The library images the body shows, in reading order, each once."""
    return list(dict.fromkeys(int(found) for found in EMBEDDED.findall(html or "")))


def embedded_images(html: str | None) -> dict[int, Image]:
    ids = embedded_ids(html)
    return Image.objects.in_bulk(ids) if ids else {}


def without_alt(html: str | None, lang: str) -> list[Image]:
    """The body's library images that have no alternative text in ``lang``."""
    return [image for image in embedded_images(html).values() if not image.alt_in(lang)]


def render_embedded(html: str, lang: str) -> str:
    """``html`` with each library image as its ``<picture>`` in ``lang``; one query at most."""
    ids = embedded_ids(html)
    if not ids:
        return html
    images = Image.objects.in_bulk(ids)

    def expand(match: re.Match) -> str:
        image = images.get(int(match.group(1)))
        if image is None:
            return ""
        if not image.renditions:  # not made yet: the original, at its size
            return str(_original(image, lang))
        return str(picture(image, lang, BODY_SIZES))

    return EMBEDDED.sub(expand, html)


def _original(image: Image, lang: str) -> SafeString:
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
        image.url(),
        image.width,
        image.height,
        image.alt_in(lang),
    )
