"""Rich text that is safe by construction: sanitized with an allowlist on the server, on save.

CKEditor 4 (the default widget) has unfixed client-side bugs, so the server alone decides what
HTML exists. ``RichTextField`` stores only what ``sanitize_html`` lets through; the editing widget
is named once in ``settings.RICH_TEXT_WIDGET`` and can be swapped without a migration.
"""

from urllib.parse import urlsplit

import nh3
from django import forms
from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i", "u", "s",
    "sub", "sup", "blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
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


class RichTextFormField(forms.CharField):
    """Always edited with the configured widget, even where the admin would pick a plain textarea."""

    def __init__(self, *args, **kwargs):
        widget_class = import_string(settings.RICH_TEXT_WIDGET)
        if not isinstance(kwargs.get("widget"), widget_class):
            kwargs["widget"] = widget_class()
        super().__init__(*args, **kwargs)

    def clean(self, value):
        return sanitize_html(super().clean(value))


class RichTextField(models.TextField):
    """A TextField whose value is sanitized before every save."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})
