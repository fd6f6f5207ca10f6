"""Rich text that is safe by construction: sanitized with an allowlist on the server, on save.

CKEditor 4 (the default widget) has unfixed client-side bugs, so the server alone decides what
HTML exists. ``RichTextField`` stores only what ``sanitize_html`` lets through, written in one
canonical form (``canonical_html``), so two ways of writing the same text compare equal: a save
that only reformats the HTML (CKEditor puts blank lines between paragraphs, writes ``&nbsp;``)
changes nothing. The editing widget is named once in ``settings.RICH_TEXT_WIDGET`` and can be
swapped without a migration.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django import forms
from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string

from thinktank import editors

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i", "u", "s",
    "sub", "sup", "blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # data-image: the id of a library image (library/embedded.py renders it for readers)
    "img": {"src", "alt", "width", "height", "data-image"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "sup": {"data-citation"},
}
GENERIC_ATTRIBUTES = {"lang", "title"}
URL_SCHEMES = {"http", "https", "mailto"}


def _is_own_media(url):
    """Images may only come from this site's media storage, never from another host."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and parts.path.startswith(settings.MEDIA_URL)


def _filter_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src" and not _is_own_media(value):
        return None
    if attribute in {"width", "height", "colspan", "rowspan", "start", "data-citation"}:
        return value if value.isdigit() and len(value) <= 4 else None
    if attribute == "data-image":
        return value if value.isdigit() and len(value) <= 12 else None
    return value


def sanitize_html(html):
    """Keep the allowed HTML and drop the rest; never raises, always returns a string."""
    if not html:
        return ""
    cleaned = nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes={**ALLOWED_ATTRIBUTES, "*": GENERIC_ATTRIBUTES},
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


# Canonical form --------------------------------------------------------------------------------

# Elements that start and end a line: whitespace next to them is never seen by readers.
BLOCK_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "caption", "thead", "tbody",
    "tfoot", "tr", "th", "td", "figure", "figcaption", "hr", "br",
}  # fmt: skip
VOID_TAGS = {"br", "hr", "img"}
# HTML's own whitespace; a no-break space (U+00A0) is text, not layout.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value):
    return _escape_text(value).replace('"', "&quot;")


class _Canonicalizer(HTMLParser):
    """Reads sanitized HTML into tags and text, with entities decoded to characters."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, attrs))
        if tag in VOID_TAGS:
            self.tokens.append(("end", tag, None))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.tokens.append(("end", tag, None))

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS:
            self.tokens.append(("end", tag, None))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            data = self.tokens.pop()[1] + data
        self.tokens.append(("text", data, None))


def _drop_layout_whitespace(tokens):
    """Collapse runs of whitespace to one space, and drop the spaces a browser does not show:
    at the start and end of a line (next to a block, a line break or the edges) and after
    another space (across inline tags such as ``<em>``)."""
    result = []
    last_text = None  # index in ``result`` of the text that ends the current line, if any
    line_start, after_space = True, False
    for kind, value, attrs in tokens:
        if kind == "text":
            text = _HTML_SPACE.sub(" ", value)
            if line_start or after_space:
                text = text.lstrip(" ")
            if not text:
                continue
            result.append((kind, text, attrs))
            last_text = len(result) - 1
            line_start, after_space = False, text.endswith(" ")
            continue
        if value in BLOCK_TAGS:
            if last_text is not None:
                stripped = result[last_text][1].rstrip(" ")
                result[last_text] = ("text", stripped, None)
            last_text, line_start, after_space = None, True, False
        elif value == "img" and kind == "start":
            last_text, line_start, after_space = None, False, False
        result.append((kind, value, attrs))
    if last_text is not None:
        result[last_text] = ("text", result[last_text][1].rstrip(" "), None)
    return [token for token in result if token[0] != "text" or token[1]]


# Containers whose first paragraph reads the same without its <p>: the prose editor writes
# every list item and table cell as paragraphs (<li><p>One</p></li>), CKEditor does not.
_PARAGRAPH_CONTAINERS = {"li", "td", "th"}
_AFTER_LONE_PARAGRAPH = {"ul", "ol"}  # a nested list may follow the item's text


def _unwrap_lone_paragraphs(tokens):
    """``<li><p>One</p></li>`` → ``<li>One</li>`` (and in table cells, and before a nested
    list): a container's first paragraph, without attributes, when nothing but a nested list
    follows it."""
    drop = set()
    for index, (kind, value, _attrs) in enumerate(tokens[:-1]):
        if kind != "start" or value not in _PARAGRAPH_CONTAINERS:
            continue
        opening = tokens[index + 1]
        if opening[:2] != ("start", "p") or opening[2]:
            continue
        closing = next(
            (i for i in range(index + 2, len(tokens)) if tokens[i][:2] == ("end", "p")), None
        )
        if closing is None or closing + 1 >= len(tokens):
            continue
        kind_after, value_after, _attrs = tokens[closing + 1]
        if (kind_after, value_after) == ("end", value) or (
            kind_after == "start" and value_after in _AFTER_LONE_PARAGRAPH
        ):
            drop.update((index + 1, closing))
    return [token for index, token in enumerate(tokens) if index not in drop]


def _serialize(tokens):
    out = []
    for kind, value, attrs in tokens:
        if kind == "text":
            out.append(_escape_text(value))
        elif kind == "start":
            attributes = "".join(
                f' {name}="{_escape_attribute(attr or "")}"' for name, attr in sorted(attrs)
            )
            out.append(f"<{value}{attributes}>")
        elif value not in VOID_TAGS:
            out.append(f"</{value}>")
    return "".join(out)


def _canonical_form(html):
    parser = _Canonicalizer()
    parser.feed(html)
    parser.close()
    return _serialize(_unwrap_lone_paragraphs(_drop_layout_whitespace(parser.tokens)))


def canonical_html(html: str | None) -> str:
    """The sanitized HTML in one canonical form: two texts that read the same give one string.

    Whitespace between blocks and at the edges of lines is dropped and runs of whitespace in
    text become one space; entities are decoded to characters, except ``&amp;``, ``&lt;``,
    ``&gt;`` (and ``&quot;`` in attributes), which HTML needs; attributes are sorted by name;
    a list item's or table cell's lone first paragraph is written without its ``<p>``.
    Idempotent: ``canonical_html(canonical_html(x)) == canonical_html(x)``.
    """
    cleaned = sanitize_html(html)
    return _canonical_form(cleaned) if cleaned else ""


def sanitizing_changes(html: str | None) -> bool:
    """Would sanitizing remove or alter something in ``html`` beyond its form (whitespace,
    entities, attribute order)?"""
    return _canonical_form(str(html or "")) != canonical_html(html)


def readable_paragraphs(html: str | None) -> list[str]:
    """The words of rich text as readers read them: one string per block (paragraph, heading,
    list item, table cell, line), without tags."""
    parser = _Canonicalizer()
    parser.feed(canonical_html(html))
    parser.close()
    paragraphs, words = [], []
    for kind, value, _attrs in parser.tokens:
        if kind == "text":
            words.append(value)
        elif value in BLOCK_TAGS:
            text = "".join(words).strip(" ")
            if text:
                paragraphs.append(text)
            words = []
    text = "".join(words).strip(" ")
    if text:
        paragraphs.append(text)
    return paragraphs


class RichTextFormField(forms.CharField):
    """Always edited with the configured widget, even where the admin would pick a plain textarea.

    Its value is the canonical HTML, and it has changed only when the canonical forms differ."""

    def __init__(self, *args, **kwargs):
        if not isinstance(kwargs.get("widget"), import_string(settings.RICH_TEXT_WIDGET)):
            kwargs["widget"] = editors.widget()
        super().__init__(*args, **kwargs)

    def clean(self, value):
        return canonical_html(super().clean(value))

    def has_changed(self, initial, data):
        return canonical_html(initial) != canonical_html(data)


class RichTextField(models.TextField):
    """A TextField whose value is sanitized, in canonical form, before every save."""

    def pre_save(self, model_instance, add):
        value = canonical_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})
