"""The article page's frame — header, navigation, footer — rendered once per language and
process, then filled on each request.

What an article page shows of its article was rendered when its version was published
(``articles.public.rendering``); what is left is the site around it, the same on every article
page in one language but for the title, the head tags, the language switcher and the content.
``article_page`` renders ``articles/article_detail.html`` once with a marker in each of those
slots, keeps the text between them, and afterwards fills the slots: the page is the one the
template gives, without running it (checked by ``tests/test_article_shell.py``).

The frame depends on the language, the year (the footer's ©), settings and the templates:
it is kept per language and year, forgotten when settings change, and not kept at all with
``DEBUG`` on (templates edited while the server runs).
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from thinktank.context_processors import language_switcher
from thinktank.languages import language_codes

TEMPLATE = "articles/article_detail.html"
SLOTS = ("title", "head_html", "switcher_html", "article_html", "similar_html")
_MARK = "\x00slot:{}\x00"
_SPLIT = re.compile("\x00slot:([\\w-]+)\x00")

_frames: dict[tuple, list[str]] = {}


@receiver(setting_changed)
def _forget_frames(**kwargs) -> None:
    _frames.clear()


def switcher_html(request) -> SafeString:
    """The language switcher of this page (``request.language_urls``): its frame is kept per
    language and set of languages the page exists in; the addresses fill it."""
    urls = getattr(request, "language_urls", None)
    lang = get_language()
    if urls is None:  # every language's home page (``language_switcher``)
        context = {"LANGUAGE_CODE": lang, **language_switcher(request)}
        return mark_safe(render_to_string("_language_switcher.html", context))  # noqa: S308
    codes = language_codes()
    key = ("switcher", lang, tuple(code in urls for code in codes))

    def render() -> str:
        marked = _SwitcherRequest({code: _MARK.format(f"url_{code}") for code in urls})
        return render_to_string(
            "_language_switcher.html", {"LANGUAGE_CODE": lang, **language_switcher(marked)}
        )

    values = {f"url_{code}": conditional_escape(url) for code, url in urls.items()}
    return mark_safe(_filled(key, render, values))  # noqa: S308 - our template, escaped values


class _SwitcherRequest:
    def __init__(self, language_urls: dict[str, str]):
        self.language_urls = language_urls


def _filled(key: tuple, render: Callable[[], str], values: dict[str, str]) -> str:
    """The text ``render()`` gives with markers, its slots filled with ``values``."""
    frame = _frames.get(key)
    if frame is None:
        frame = _SPLIT.split(render())
        if not settings.DEBUG:
            _frames[key] = frame
    return "".join(values[piece] if index % 2 else piece for index, piece in enumerate(frame))


def article_page(request, **parts) -> str:
    """The article page's HTML with ``parts`` (``SLOTS``: the title as text, the rest HTML)."""
    values = {name: str(parts[name]) for name in SLOTS}
    values["title"] = conditional_escape(parts["title"])
    marks = {name: mark_safe(_MARK.format(name)) for name in SLOTS}  # noqa: S308

    def render() -> str:
        return render_to_string(TEMPLATE, marks, request=request)

    return _filled(("page", get_language(), timezone.localtime().year), render, values)
