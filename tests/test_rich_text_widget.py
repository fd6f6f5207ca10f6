"""The rich-text editor is chosen by one setting (``RICH_TEXT_WIDGET``, also from the
environment): every rich-text field of the admin uses it, and the admin's Content-Security-Policy
allows what that editor needs and no more."""

import base64
import hashlib
import re

import pytest

from tests.test_configuration import run_manage
from tests.test_security_headers import directives

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

CKEDITOR = "ckeditor.widgets.CKEditorWidget"
PROSE = "thinktank.editors.ProseWidget"
RICH_FIELDS = {
    "article": [f"body_{code}" for code in ("en", "tr", "ru")],
    "person": [f"biography_{code}" for code in ("en", "tr", "ru")],
}
IMPORTMAP = re.compile(r'<script type="importmap">(.*?)</script>', re.DOTALL)


def change_forms(client, site):
    return {
        "article": client.get(f"/admin/articles/article/{site.main.pk}/change/"),
        "person": client.get("/admin/people/person/add/"),
    }


def test_every_rich_text_field_uses_the_prose_editor_when_chosen(client, site, editor, settings):
    """With RICH_TEXT_WIDGET naming the prose editor, article bodies and biographies in every
    language get it, and CKEditor is not loaded at all."""
    settings.RICH_TEXT_WIDGET = PROSE
    client.force_login(editor)
    for kind, response in change_forms(client, site).items():
        page = response.content.decode()
        assert response.status_code == 200
        for field in RICH_FIELDS[kind]:
            assert re.search(
                rf'<textarea [^>]*data-django-prose-editor-configurable=[^>]*id="id_{field}"', page
            ) or re.search(
                rf'<textarea [^>]*id="id_{field}"[^>]*data-django-prose-editor-configurable=', page
            ), (kind, field)
        assert "ckeditor/ckeditor.js" not in page and "ckeditortype" not in page
        assert "js/prose_editor.js" in page  # our extensions: footnote markers kept


def test_every_rich_text_field_uses_ckeditor_by_default(client, site, editor, settings):
    """The default stays CKEditor 4, on the same fields."""
    assert settings.RICH_TEXT_WIDGET == CKEDITOR
    client.force_login(editor)
    for kind, response in change_forms(client, site).items():
        page = response.content.decode()
        for field in RICH_FIELDS[kind]:
            assert re.search(
                rf'<textarea [^>]*id="id_{field}"[^>]*data-type="ckeditortype"', page
            ) or re.search(rf'<textarea [^>]*data-type="ckeditortype"[^>]*id="id_{field}"', page), (
                kind,
                field,
            )
        assert "prose-editor" not in page


def test_prose_pages_allow_their_import_map_by_hash_and_no_other_inline_script(
    client, site, editor, settings
):
    """The prose editor's one inline script (its import map) is named in the admin's policy by
    its SHA-256; the policy still has no 'unsafe-inline' script, on the form and elsewhere."""
    settings.RICH_TEXT_WIDGET = PROSE
    client.force_login(editor)
    form = client.get(f"/admin/articles/article/{site.main.pk}/change/")
    maps = IMPORTMAP.findall(form.content.decode())
    assert len(maps) == 1
    digest = base64.b64encode(hashlib.sha256(maps[0].encode()).digest()).decode()
    assert directives(form)["script-src"] == ["'self'", f"'sha256-{digest}'"]
    listing = directives(client.get("/admin/articles/article/"))
    assert "'unsafe-inline'" not in listing["script-src"]


def test_the_editor_is_chosen_from_the_environment():
    """RICH_TEXT_WIDGET=prose picks the prose editor; an unknown name stops start-up with one
    line naming the choices."""
    shown = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.RICH_TEXT_WIDGET)",
        DEBUG="1", RICH_TEXT_WIDGET="prose",
    )  # fmt: skip
    assert shown.stdout.strip().splitlines()[-1] == PROSE, shown.stderr
    wrong = run_manage("check", DEBUG="1", RICH_TEXT_WIDGET="tinymce")
    assert wrong.returncode != 0
    assert "RICH_TEXT_WIDGET must be one of ckeditor, prose" in wrong.stderr
