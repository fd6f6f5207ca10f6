"""How a segment's source is shown to translators: escaped text, placeholders as protected
chips, glossary terms marked with their required translation."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from translation_tools.glossary import Hit

_TOKEN = re.compile(r"\{/?\d{1,3}/?\}|\[\d{1,4}\]")


def source_html(text: str, hits: list[Hit]) -> SafeString:
    """``text`` (tagged) as HTML: ``<span class="ph">`` for placeholders and markers,
    ``<mark>`` for glossary terms."""
    html = escape(text)  # tokens hold no character that escaping changes
    for hit in sorted(hits, key=lambda h: -len(h.term)):
        pattern = re.compile(r"(?<![\w>])(" + re.escape(escape(hit.term)) + r")(?!\w)", re.I)
        title = _("Glossary: %(translation)s") % {"translation": hit.translation}
        html = pattern.sub(
            lambda m, title=title: str(
                format_html('<mark class="term" title="{}">{}</mark>', title, mark_safe(m[1]))  # noqa: S308 -- escaped above
            ),
            html,
        )
    html = _TOKEN.sub(
        lambda m: str(
            format_html('<span class="ph{}">{}</span>', " fn" if m[0].startswith("[") else "", m[0])
        ),
        html,
    )
    return mark_safe(html)  # noqa: S308 -- built from escaped text above
