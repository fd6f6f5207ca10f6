"""The rich-text editors a site can choose (``settings.RICH_TEXT_WIDGET``), and what the admin's
Content-Security-Policy must allow for the chosen one.

Two editors are offered; the server's sanitizer (``thinktank.richtext``) decides what is stored
with either, so switching needs no migration:

- CKEditor 4 (django-ckeditor), the default: ``RICH_TEXT_WIDGET=ckeditor``.
- django-prose-editor (Tiptap/ProseMirror): ``RICH_TEXT_WIDGET=prose``. ``ProseWidget`` turns
  on exactly the extensions whose markup the sanitizer keeps, plus ``static/js/prose_editor.js``,
  which teaches the editor the attributes it would otherwise drop (a footnote marker's
  ``data-citation``, ``lang`` and ``title``, a header cell's ``scope``).

The prose editor is ES modules located through an inline ``<script type="importmap">``. The
admin's policy allows no inline script, so ``script_hashes`` gives the SHA-256 of that one import
map, which the policy names: the map runs, any other inline script does not.
"""

import base64
import hashlib
import re
from functools import cache

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.utils.module_loading import import_string
from django_prose_editor.widgets import AdminProseEditorWidget

# The markup of each extension is a subset of ``thinktank.richtext.ALLOWED_TAGS``.
PROSE_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,  # ours (prose_editor.js): keeps data-citation
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "KeptAttributes": True,  # ours (prose_editor.js): lang, title, scope
    "HTML": True,  # edit the HTML source
}
# Our extensions (Superscript replaces the editor's own), loaded before the editor starts.
PROSE_MODULE = "js/prose_editor.js"


class ProseWidget(AdminProseEditorWidget):
    """django-prose-editor with the extensions our sanitizer keeps."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(
            attrs=attrs, config={"extensions": PROSE_EXTENSIONS}, preset="configurable"
        )

    def get_config(self) -> dict:
        config = super().get_config()
        return {**config, "js_modules": [*config["js_modules"], static(PROSE_MODULE)]}


def widget() -> forms.Widget:
    """A new instance of the configured rich-text widget."""
    return import_string(settings.RICH_TEXT_WIDGET)()


_IMPORTMAP = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL)


@cache
def _hashes_for(widget_path: str, static_url: str) -> tuple[str, ...]:
    media = import_string(widget_path)().media
    importmap = getattr(media, "_importmap", None)
    if importmap is None:
        return ()
    found = _IMPORTMAP.search(str(importmap.render()))
    digest = hashlib.sha256(found.group(1).encode()).digest()
    return (f"'sha256-{base64.b64encode(digest).decode()}'",)


def script_hashes() -> tuple[str, ...]:
    """CSP hash sources of the inline scripts the configured widget needs (its import map)."""
    return _hashes_for(settings.RICH_TEXT_WIDGET, str(settings.STATIC_URL))
